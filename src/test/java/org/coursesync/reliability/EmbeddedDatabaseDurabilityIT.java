package org.coursesync.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.coursesync.CourseSyncApplication;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default database keeps every sync it acknowledged when the JVM is killed
 * ({@code kill -9}) under load: the service runs as its own process in production
 * configuration on the default H2 URL (a file under its working directory, here a fresh
 * folder), and the file is read after the kill.
 */
class EmbeddedDatabaseDurabilityIT {

	private static final int WRITERS = 8;

	/** Acknowledged syncs before the kill: enough for a steady load. */
	private static final int ACKS_BEFORE_KILL = 1000;

	private static final String COURSE_LINK = "https://durable.lms/courses/course-v1:edX+DUR+%s/info";

	@TempDir
	Path dir;

	@Test
	void keepsEveryAcknowledgedSyncWhenTheJvmIsKilledUnderLoad() throws Exception {
		int port = TwoInstances.freePort();
		Path log = this.dir.resolve("service.log");
		Process service = start(port, log);
		TestHttp http = new TestHttp(port);
		try {
			awaitReady(service, http, log);
			assertThat(http.admin("POST", "/api/admin/courses", """
					{"code": "DUR", "title": "Durability"}""").statusCode()).isEqualTo(201);
			// Published: each synced run gets its public copy, written with the draft.
			assertThat(http.admin("POST", "/api/admin/courses/DUR/publish", null).statusCode()).isEqualTo(200);
			// Even writers create a new link per sync; odd writers raise the enrollment
			// count of their own link by one per sync.
			Set<String> created = ConcurrentHashMap.newKeySet();
			AtomicIntegerArray lastAckedCount = new AtomicIntegerArray(WRITERS);
			AtomicInteger acks = new AtomicInteger();
			List<Thread> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				Thread thread = new Thread(() -> {
					for (int i = 1;; i++) {
						String link = (writer % 2 == 0) ? link("C" + writer + "-" + i) : link("U" + writer);
						int count = (writer % 2 == 0) ? 1 : i;
						HttpResponse<String> response;
						try {
							response = http.sync(body(link, count));
						}
						catch (UncheckedIOException ex) {
							return; // the service is gone
						}
						if (response.statusCode() == 200) {
							if (writer % 2 == 0) {
								created.add(link);
							}
							else {
								lastAckedCount.set(writer, count);
							}
							acks.incrementAndGet();
						}
					}
				});
				thread.start();
				writers.add(thread);
			}
			Poll.until(ACKS_BEFORE_KILL + " acknowledged syncs", Duration.ofMinutes(5),
					() -> acks.get() >= ACKS_BEFORE_KILL || !service.isAlive());
			assertThat(service.isAlive()).as("the service runs until it is killed").isTrue();
			service.destroyForcibly(); // SIGKILL: no shutdown hook, no H2 close
			assertThat(service.waitFor(60, TimeUnit.SECONDS)).isTrue();
			for (Thread writer : writers) {
				writer.join(60_000);
			}
			assertThat(created).isNotEmpty();

			Map<String, Integer> stored = storedEnrollmentCounts();
			Map<String, Integer> history = historyRows();
			List<String> lost = new ArrayList<>();
			for (String link : created) {
				if (!stored.containsKey(link) || !history.containsKey(link)) {
					lost.add(link);
				}
			}
			for (int w = 1; w < WRITERS; w += 2) {
				String link = link("U" + w);
				int acked = lastAckedCount.get(w);
				// Each acknowledged update is stored, and so is its history row; the one
				// in flight at the kill may be stored too.
				if (acked > 0 && (stored.getOrDefault(link, 0) < acked || history.getOrDefault(link, 0) < acked)) {
					lost.add(link + " acknowledged up to " + acked + ", stored " + stored.get(link) + " with "
							+ history.get(link) + " history rows");
				}
			}
			assertThat(lost).as("acknowledged syncs missing after kill -9, of %d acknowledged", acks.get()).isEmpty();
		}
		finally {
			service.destroyForcibly();
		}
	}

	private Process start(int port, Path log) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// No datasource URL: the default of application.yml, relative to the working
		// directory.
		return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), CourseSyncApplication.class.getName(), "--server.port=" + port,
				"--spring.main.banner-mode=off", "--coursesync.secrets=" + TestHttp.SECRET,
				"--coursesync.admin.password=test-admin-password",
				"--coursesync.lms-backends[0].base-url=https://durable.lms",
				"--coursesync.lms-backends[0].backend=openedx",
				"--coursesync.lms-backends[0].course-regex=^https://durable\\.lms/courses/(?P<course_id>.+)/info$",
				"--coursesync.lms-backends[0].default-course-run-sync-mode=sync_to_public")
			.directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static void awaitReady(Process service, TestHttp http, Path log) throws Exception {
		Poll.until("the service to start", Duration.ofMinutes(3), () -> !service.isAlive() || ready(http));
		assertThat(service.isAlive()).as(() -> tail(log)).isTrue();
	}

	private static boolean ready(TestHttp http) {
		try {
			return http.send(HttpRequest.newBuilder(http.uri("/actuator/health/readiness")).GET()).statusCode() == 200;
		}
		catch (UncheckedIOException ex) {
			return false;
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static String link(String run) {
		return COURSE_LINK.formatted(run);
	}

	private static String body(String link, int count) {
		return """
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": %s}""".formatted(link, count);
	}

	private Map<String, Integer> storedEnrollmentCounts() throws Exception {
		return query("SELECT r.resource_link, r.enrollment_count FROM course_run r "
				+ "JOIN course_run_public p ON p.draft_run_id = r.id AND p.enrollment_count = r.enrollment_count");
	}

	private Map<String, Integer> historyRows() throws Exception {
		return query("SELECT resource_link, count(*) FROM sync_event GROUP BY resource_link");
	}

	/** Reads the killed service's database file directly (H2 recovers it on open). */
	private Map<String, Integer> query(String sql) throws Exception {
		String url = "jdbc:h2:file:" + this.dir.resolve("data/coursesync").toAbsolutePath()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE";
		Map<String, Integer> rows = new HashMap<>();
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				rows.put(result.getString(1), result.getInt(2));
			}
		}
		return rows;
	}

}
