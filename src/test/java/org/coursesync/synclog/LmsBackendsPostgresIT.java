package org.coursesync.synclog;

import java.util.List;
import java.util.stream.LongStream;

import org.coursesync.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same on a real PostgreSQL, and with a million history rows: both reads of a backend
 * are answered from the index alone (no table scan), so the figures stay cheap however
 * long the history.
 */
class LmsBackendsPostgresIT extends LmsBackendsIT {

	@Autowired
	LmsBackendActivity activity;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

	@Test
	void readsAMillionRowHistoryThroughTheIndex() {
		// Six backends, a quarter of the rows rejected, spread over 60 days before the
		// clock.
		this.jdbc
			.update("INSERT INTO sync_event (id, received_at, resource_link, lms_backend, outcome, secret_index, source) "
					+ "SELECT gen_random_uuid(), TIMESTAMPTZ '2030-01-01 00:00:00+00' - (n * INTERVAL '5 seconds'), "
					+ "'https://draft.lms/courses/course-v1:edX+DemoX+' || (n % 1000) || '/course/', "
					+ "(ARRAY['https://draft.lms','https://manual.lms','https://protected.lms','https://joanie.test',"
					+ "'https://base.lms','http://example.edx:8073'])[1 + n % 6], "
					+ "CASE WHEN n % 4 = 0 THEN 'rejected' ELSE 'updated' END, 0, 'webhook' "
					+ "FROM generate_series(1, 1000000) AS n");
		try {
			this.jdbc.execute("ANALYZE sync_event");
			for (String query : List.of(
					"SELECT MAX(received_at) FROM sync_event WHERE lms_backend = 'https://draft.lms' "
							+ "AND source = 'webhook' AND outcome <> 'rejected'",
					"SELECT COALESCE(SUM(CASE WHEN outcome <> 'rejected' THEN 1 ELSE 0 END), 0), "
							+ "COALESCE(SUM(CASE WHEN outcome = 'rejected' THEN 1 ELSE 0 END), 0) FROM sync_event "
							+ "WHERE lms_backend = 'https://draft.lms' "
							+ "AND received_at >= TIMESTAMPTZ '2029-12-31 00:00:00+00' AND source = 'webhook'")) {
				String plan = String.join("\n", this.jdbc.queryForList("EXPLAIN " + query, String.class));
				assertThat(plan).as(plan).contains("Index").doesNotContain("Seq Scan");
			}
			long start = System.nanoTime();
			List<BackendActivity> backends = this.activity.backends();
			long micros = (System.nanoTime() - start) / 1000;
			System.out.println("lms-backends over 1,000,000 history rows: " + micros + " us");
			BackendActivity draft = backends.get(0);
			assertThat(draft.baseUrl()).isEqualTo(DRAFT);
			// 17,280 rows in the last 24 hours, a sixth of them for each backend.
			long day = 24 * 3600 / 5;
			long draftRows = LongStream.rangeClosed(1, day).filter((n) -> n % 6 == 0).count();
			long draftRejected = LongStream.rangeClosed(1, day).filter((n) -> n % 6 == 0 && n % 4 == 0).count();
			assertThat(draft.syncs24h() + draft.rejected24h()).isEqualTo(draftRows);
			assertThat(draft.rejected24h()).isEqualTo(draftRejected);
			assertThat(draft.lastAcceptedSync()).isNotNull();
			assertThat(backends).hasSize(6);
		}
		finally {
			this.jdbc.execute("TRUNCATE sync_event");
		}
	}

}
