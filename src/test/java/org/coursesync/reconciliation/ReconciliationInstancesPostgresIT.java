package org.coursesync.reconciliation;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.coursesync.CourseSyncApplication;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one real PostgreSQL, both running the schedule: one reconciliation of
 * a backend at a time, one scheduled start per interval whichever instance runs it, even
 * across a restart; a report whose instance died turns failed.
 */
class ReconciliationInstancesPostgresIT {

	static final FakeOpenEdx lms = new FakeOpenEdx();

	static final String DRAFT = "https://draft.lms";

	/** The body that starts a reconciliation of {@link #DRAFT} by hand. */
	static final String START = """
			{"lms_backend": "%s"}""".formatted(DRAFT);

	static EmbeddedPostgres postgres;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void startDatabase() throws IOException {
		postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
		jdbc = new JdbcTemplate(new DriverManagerDataSource(url(), "postgres", "postgres"));
	}

	@AfterAll
	static void stop() throws IOException {
		lms.stop();
		postgres.close();
	}

	@BeforeEach
	void emptyReports() {
		try {
			jdbc.update("DELETE FROM reconciliation_lease");
			jdbc.update("DELETE FROM reconciliation");
		}
		catch (BadSqlGrammarException ex) {
			// No instance has created the tables yet.
		}
	}

	@Test
	void oneScheduledReconciliationAtATimeAcrossInstancesAndRestarts() throws Exception {
		List<String> courses = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			courses.add(FakeOpenEdx.course("course-v1:edX+K" + i + "+1", "2030-03-01T00:00:00Z", null, false));
		}
		lms.serve(1, courses.toArray(String[]::new));
		CountDownLatch hold = new CountDownLatch(1);
		lms.hold = hold;
		ConfigurableApplicationContext first = start();
		ConfigurableApplicationContext second = start();
		try {
			Poll.until("a scheduled reconciliation to start", Duration.ofSeconds(60), () -> count("running") == 1);
			// Both instances check the schedule every 200 ms meanwhile.
			Thread.sleep(1_000);
			assertThat(count(null)).isEqualTo(1);
			// While it runs, neither instance starts another, by schedule or by hand.
			HttpResponse<String> byHand = new TestHttp(port(second)).admin("POST", "/api/admin/reconciliations", START);
			HttpResponse<String> byHandFirst = new TestHttp(port(first)).admin("POST", "/api/admin/reconciliations",
					START);
			assertThat(List.of(byHand.statusCode(), byHandFirst.statusCode())).containsOnly(409);
			hold.countDown();
			Poll.until("the reconciliation to end", Duration.ofSeconds(60), () -> count("finished") == 1);
			// Many schedule checks later (every 200 ms on each instance), still one.
			Thread.sleep(2_000);
			assertThat(count(null)).isEqualTo(1);
			assertThat(jdbc.queryForObject("SELECT courses_seen FROM reconciliation", Integer.class)).isEqualTo(8);
			// Every page was asked once: no two reconciliations overlapped.
			assertThat(lms.apiRequests()).hasSize(8);
		}
		finally {
			hold.countDown();
			lms.hold = null;
			first.close();
		}
		// A restarted instance knows the last start: nothing is due before the interval.
		ConfigurableApplicationContext restarted = start();
		try {
			Thread.sleep(2_000);
			assertThat(count(null)).isEqualTo(1);
		}
		finally {
			restarted.close();
			second.close();
		}
	}

	@Test
	void aRunningReportWhoseInstanceDiedTurnsFailed() throws Exception {
		lms.serve(1);
		ConfigurableApplicationContext instance = start("--coursesync.lms-backends[0].reconciliation.enabled=false");
		try {
			UUID dead = UUID.randomUUID();
			Timestamp past = Timestamp.from(Instant.now().minusSeconds(600));
			jdbc.update("DELETE FROM reconciliation_lease");
			jdbc.update("DELETE FROM reconciliation");
			jdbc.update(
					"INSERT INTO reconciliation (id, lms_backend, trigger_kind, status, listing, started_at,"
							+ " courses_seen, runs_updated, runs_unchanged, runs_skipped_newer, runs_rejected,"
							+ " not_in_catalog_total, missing_in_lms_total)"
							+ " VALUES (?, ?, 'schedule', 'running', 'complete', ?, 0, 0, 0, 0, 0, 0, 0)",
					dead, DRAFT, past);
			jdbc.update("INSERT INTO reconciliation_lease (lms_backend, report_id, holder, expires_at, last_started_at)"
					+ " VALUES (?, ?, 'gone', ?, ?)", DRAFT, dead, past, past);
			Poll.until("the dead report to fail", Duration.ofSeconds(60), () -> count("failed") == 1);
			String report = new TestHttp(port(instance)).adminGet("/api/admin/reconciliations/" + dead).body();
			assertThat(report).contains("\"status\":\"failed\"").contains("lease expired");
			// The backend can be reconciled again.
			HttpResponse<String> again = new TestHttp(port(instance)).admin("POST", "/api/admin/reconciliations",
					START);
			assertThat(again.statusCode()).isEqualTo(202);
		}
		finally {
			instance.close();
		}
	}

	private static int count(String status) {
		Integer count = (status != null)
				? jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation WHERE status = ?", Integer.class, status)
				: jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation", Integer.class);
		return (count != null) ? count : 0;
	}

	private static String url() {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static ConfigurableApplicationContext start(String... extra) {
		String b = "--coursesync.lms-backends[0].";
		Map<String, String> args = new LinkedHashMap<>();
		for (String arg : List.of("--spring.datasource.url=" + url(), "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--server.port=0", "--spring.main.banner-mode=off",
				b + "base-url=" + DRAFT, b + "backend=openedx",
				b + "course-regex=^https://draft\\.lms/courses/(?P<course_id>.+)/(course|info)/?$",
				b + "reconciliation.enabled=true", b + "reconciliation.interval=1h",
				b + "reconciliation.course-api-url=" + lms.url(FakeOpenEdx.API),
				b + "reconciliation.token-url=" + lms.url("/oauth2/access_token"),
				b + "reconciliation.client-id=" + FakeOpenEdx.CLIENT_ID,
				b + "reconciliation.client-secret=" + FakeOpenEdx.CLIENT_SECRET,
				b + "reconciliation.username=" + FakeOpenEdx.USERNAME, b + "reconciliation.page-size=1",
				"--coursesync.reconciliation-check=200ms",
				// A page held by the test must not time out (and be asked again) however
				// slow the machine: longer than the hold's own limit.
				"--coursesync.reconciliation-request-timeout=90s")) {
			put(args, arg);
		}
		for (String arg : extra) {
			put(args, arg);
		}
		return new SpringApplicationBuilder(CourseSyncApplication.class).profiles("test")
			.run(args.values().toArray(String[]::new));
	}

	private static void put(Map<String, String> args, String arg) {
		args.put(arg.substring(0, arg.indexOf('=')), arg);
	}

}
