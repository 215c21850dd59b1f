package org.coursesync.reliability;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.coursesync.support.HttpIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run whose row another session holds locked: its sync waits no longer than the lock
 * timeout in force on every pooled connection, then gets 503 with Retry-After in the sync
 * endpoint's shape, and nothing of it is written; once the lock is released it syncs.
 */
class RowLockTimeoutIT extends HttpIT {

	static final String LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	@Autowired
	DataSource dataSource;

	final ExecutorService sender = Executors.newSingleThreadExecutor();

	@BeforeEach
	void setUp() {
		this.db.publishCourse(this.db.course("DEMOX", "Demo"));
	}

	@AfterEach
	void stopSender() {
		this.sender.shutdownNow();
	}

	private HttpResponse<String> sync(int count) {
		return this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": %d}""".formatted(LINK, count));
	}

	@Test
	void aSyncOfARunLockedByAnotherSessionGets503WithinTheLockTimeout() throws Exception {
		assertThat(sync(1).statusCode()).isEqualTo(200);
		// The bound, by construction: the pool's connections wait at most 3 s for a lock.
		assertThat(lockTimeout()).isEqualTo(isPostgres() ? "3s" : "3000");
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try {
				try (PreparedStatement lock = holder
					.prepareStatement("SELECT id FROM course_run WHERE resource_link = ? FOR UPDATE")) {
					lock.setString(1, LINK);
					try (ResultSet row = lock.executeQuery()) {
						assertThat(row.next()).isTrue();
					}
				}
				Future<HttpResponse<String>> waiting = this.sender.submit(() -> sync(2));
				// A hang guard only: ten times the lock timeout.
				HttpResponse<String> locked = waiting.get(30, TimeUnit.SECONDS);
				assertThat(locked.statusCode()).isEqualTo(503);
				assertThat(locked.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(locked.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
				assertThat(locked.body())
					.isEqualTo("{\"detail\":\"Another session is writing this course run; retry in a few seconds.\"}");
			}
			finally {
				holder.rollback();
			}
		}
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(1));
		List<Map<String, Object>> events = this.db.events();
		assertThat(events).extracting((event) -> event.get("outcome")).containsExactly("created", "rejected");
		assertThat(events.get(1).get("errors").toString()).contains("could not store this item");

		HttpResponse<String> released = sync(3);
		assertThat(released.statusCode()).isEqualTo(200);
		assertThat(released.body()).isEqualTo("{\"success\":true}");
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(3));
		assertThat(this.db.publicRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(3));
	}

	private boolean isPostgres() {
		return "PostgreSQL".equals(this.jdbc
			.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName()));
	}

	/** The lock timeout of a pooled connection, as the database reports it. */
	private String lockTimeout() {
		return this.jdbc.queryForObject(isPostgres() ? "SHOW lock_timeout" : "SELECT LOCK_TIMEOUT()", String.class);
	}

}
