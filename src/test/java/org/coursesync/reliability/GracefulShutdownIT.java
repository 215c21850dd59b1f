package org.coursesync.reliability;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.coursesync.support.Database;
import org.coursesync.support.EmbeddedPostgresSupport;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shutdown (a deployment, a scale-in) waits for the syncs in flight: the item that was
 * being written when the instance was told to stop is answered and stored.
 */
class GracefulShutdownIT {

	static final String LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";

	private static String body(int count) {
		return """
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": %d}""".formatted(LINK, count);
	}

	@Test
	void finishesTheSyncsInFlightBeforeStopping() throws Exception {
		EmbeddedPostgres postgres = EmbeddedPostgresSupport.server();
		ConfigurableApplicationContext app = TwoInstances.start(TwoInstances.url(postgres));
		JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
		Database db = new Database(jdbc);
		db.reset();
		db.course("DEMOX", "Demo");
		TestHttp http = new TestHttp(TwoInstances.port(app));
		assertThat(http.sync(body(1)).statusCode()).isEqualTo(200);
		CompletableFuture<Void> closing;
		CompletableFuture<HttpResponse<String>> inFlight;
		try (Connection blocker = postgres.getPostgresDatabase().getConnection()) {
			// Holds the run's row lock, so that the next sync is in flight for as long as
			// we
			// want.
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.executeUpdate("UPDATE course_run SET title = title");
			}
			inFlight = CompletableFuture.supplyAsync(() -> http.sync(body(2)));
			waitForALockWait(jdbc);
			closing = CompletableFuture.runAsync(app::close);
			Thread.sleep(1000);
			assertThat(closing).as("the shutdown waits for the sync in flight").isNotDone();
			assertThat(inFlight).isNotDone();
			blocker.commit();
		}
		HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"success\":true}");
		closing.get(30, TimeUnit.SECONDS);
		assertThat(app.isActive()).isFalse();
		assertThat(db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(2));
		assertThat(db.events()).extracting((event) -> event.get("outcome")).containsExactly("created", "updated");
	}

	private static void waitForALockWait(JdbcTemplate jdbc) throws InterruptedException {
		Poll.until("the sync to wait for the row lock", Duration.ofSeconds(10), () -> {
			Integer waiting = jdbc
				.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", Integer.class);
			return waiting != null && waiting > 0;
		});
	}

}
