package org.coursesync.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.coursesync.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same version, revalidation and paging tests on a real PostgreSQL (its triggers),
 * and the plans of the catalog's statements over 100,000 runs.
 */
class CatalogVersionPostgresIT extends CatalogVersionIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

	@Autowired
	CatalogRepository repository;

	@Autowired
	NamedParameterJdbcTemplate named;

	@AfterEach
	void removeRuns() {
		this.db.reset();
	}

	@Test
	void catalogStatementsUseIndexesOver100000Runs() {
		this.jdbc.update("INSERT INTO course (id, code, title, unpublished_changes, created_at, updated_at)"
				+ " SELECT gen_random_uuid(), 'C' || n, 'Course ' || n, FALSE, now(), now()"
				+ " FROM generate_series(0, 49) AS n");
		this.jdbc
			.update("INSERT INTO course_public (course_id, title, published_at) SELECT id, title, now() FROM course");
		// Starts spread over six years by the hour, 90-day runs, 1% without a start.
		this.jdbc.update("INSERT INTO course_run_public (id, draft_run_id, course_id, resource_link, lms_backend,"
				+ " sync_mode, display_mode, start_at, end_at, languages, enrollment_count, catalog_visibility,"
				+ " price_currency, created_at, updated_at)"
				+ " SELECT gen_random_uuid(), gen_random_uuid(), c.id, 'https://lms/courses/R' || n || '/info',"
				+ " 'http://example.edx:8073', 'sync_to_public', 'detailed',"
				+ " CASE WHEN n % 100 = 0 THEN NULL ELSE timestamptz '2026-01-01 00:00:00+00' + (n % 52560) * interval '1 hour' END,"
				+ " timestamptz '2026-01-01 00:00:00+00' + (n % 52560) * interval '1 hour' + interval '90 days',"
				+ " 'en', 0, 'course_and_search', 'EUR', now(), now()"
				+ " FROM generate_series(0, 99999) AS n JOIN course c ON c.code = 'C' || (n % 50)");
		this.jdbc.execute("ANALYZE");
		assertThat(this.db.count("course_run_public")).isEqualTo(100_000);

		Instant now = Instant.parse("2028-01-01T00:00:00Z");
		CatalogCursor middle = new CatalogCursor(Instant.parse("2028-06-01T00:00:00Z"), new UUID(0, 0));
		CatalogCursor unstarted = new CatalogCursor(null, new UUID(0, 0));
		Set<String> all = Set.of();
		Set<String> backends = Set.of("http://example.edx:8073");
		for (Availability availability : new Availability[] { null, Availability.ARCHIVED, Availability.CURRENT,
				Availability.STARTING_SOON, Availability.UPCOMING }) {
			CatalogQuery first = new CatalogQuery(availability, null, null, null, 0, 100, null);
			CatalogQuery course = new CatalogQuery(availability, "C7", null, null, 0, 100, null);
			CatalogQuery dates = new CatalogQuery(availability, null, Instant.parse("2027-01-01T00:00:00Z"),
					Instant.parse("2027-02-01T00:00:00Z"), 0, 100, null);
			CatalogQuery after = new CatalogQuery(availability, null, null, null, 900, 100, middle);
			CatalogQuery courseAfter = new CatalogQuery(availability, "C7", null, null, 10, 100, middle);
			CatalogQuery afterUnstarted = new CatalogQuery(availability, null, null, null, 990, 100, unstarted);
			for (CatalogRepository.Statement statement : List.of(this.repository.atOffset(first, all, now),
					this.repository.atOffset(first, backends, now), this.repository.atOffset(course, all, now),
					this.repository.atOffset(dates, all, now), this.repository.afterStart(after, all, now),
					this.repository.afterStart(courseAfter, all, now),
					this.repository.withoutStart(afterUnstarted, all, now, 100))) {
				String plan = String.join("\n",
						this.named.queryForList("EXPLAIN " + statement.sql(), statement.params(), String.class));
				assertThat(plan).as(statement.sql()).contains("Index").doesNotContain("Seq Scan on course_run_public");
			}
		}
		// The next availability change: three index lookups.
		String next = String.join("\n",
				this.jdbc.queryForList("EXPLAIN SELECT (SELECT MIN(start_at) FROM"
						+ " course_run_public WHERE start_at > now()), (SELECT MIN(end_at) FROM course_run_public"
						+ " WHERE end_at > now())", String.class));
		assertThat(next).contains("course_run_public_start")
			.contains("course_run_public_end")
			.doesNotContain("Seq Scan");
		assertThat(this.repository.nextAvailabilityChange(now)).isEqualTo(Instant.parse("2028-01-01T01:00:00Z"));
	}

}
