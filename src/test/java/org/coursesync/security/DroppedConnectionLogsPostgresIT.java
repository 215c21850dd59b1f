package org.coursesync.security;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.coursesync.CourseSyncApplication;
import org.coursesync.support.Database;
import org.coursesync.support.EmbeddedPostgresSupport;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL connections killed while syncs are written: the pool, the driver, Hibernate,
 * Spring and the service log what failed, never a value of a payload (the statements in
 * flight carry resource links). The syncs are answered 200 or 503.
 */
@ExtendWith(OutputCaptureExtension.class)
class DroppedConnectionLogsPostgresIT {

	/** In every resource link sent: must never be printed. */
	private static final String MARKER = "Qx7LogMarker";

	private static final int WRITERS = 6;

	@Test
	void logsNoPayloadValueWhenConnectionsAreKilledMidWrite(CapturedOutput output) throws Exception {
		EmbeddedPostgres postgres = EmbeddedPostgresSupport.server();
		String url = freshDatabase(postgres, "dropped_connections");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(CourseSyncApplication.class).profiles("test")
			.run("--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
					"--spring.datasource.password=postgres", "--server.port=0", "--spring.main.banner-mode=off");
		try {
			JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
			new Database(jdbc).course("DEMOX", "Demo");
			TestHttp http = new TestHttp(((WebServerApplicationContext) app).getWebServer().getPort());
			List<Sent> responses = new CopyOnWriteArrayList<>();
			AtomicBoolean stop = new AtomicBoolean();
			List<Thread> writers = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				Thread thread = new Thread(() -> {
					for (int i = 0; !stop.get(); i++) {
						String body = body(writer, i);
						responses.add(new Sent(body, http.sync(body)));
					}
				});
				thread.start();
				writers.add(thread);
			}
			// Kill every connection of the service, again and again, until the pool has
			// reported a batch (the history insert among them) aborted by a kill.
			try (Connection admin = postgres.getPostgresDatabase().getConnection();
					Statement statement = admin.createStatement()) {
				Poll.until("a kill aborting a batch", Duration.ofMinutes(3), () -> {
					try {
						statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
								+ "WHERE datname = 'dropped_connections' AND pid <> pg_backend_pid()");
						Thread.sleep(100);
					}
					catch (SQLException | InterruptedException ex) {
						throw new IllegalStateException(ex);
					}
					return output.getAll().contains("Batch entry");
				});
			}
			int killed = responses.size();
			Poll.until("a sync stored after the kills", Duration.ofMinutes(1),
					() -> responses.stream().skip(killed).anyMatch((sent) -> sent.response().statusCode() == 200));
			stop.set(true);
			for (Thread writer : writers) {
				writer.join(60_000);
			}
			assertThat(responses).allSatisfy((sent) -> assertThat(sent.response().statusCode()).isIn(200, 503));
			assertThat(responses).anySatisfy((sent) -> {
				assertThat(sent.response().statusCode()).isEqualTo(503);
				assertThat(sent.response().headers().firstValue("Retry-After")).hasValue("5");
			});
			// What was answered 200 is stored.
			List<String> stored = jdbc.queryForList("SELECT resource_link FROM course_run", String.class);
			assertThat(responses).filteredOn((sent) -> sent.response().statusCode() == 200)
				.isNotEmpty()
				.allSatisfy((sent) -> assertThat(stored).containsAll(links(sent.body())));
			// The pool still says what happened and why.
			assertThat(output.getAll()).contains("marked as broken because of SQLSTATE(57P01)");
			assertThat(output.getAll().lines().filter((line) -> line.contains(MARKER)).toList())
				.as("log lines quoting a payload value")
				.isEmpty();
		}
		finally {
			app.close();
		}
	}

	/**
	 * Each request creates new runs (the JPA path, its inserts batched) or updates the
	 * writer's own run (the one-statement path); every fourth is a batch of three items.
	 */
	private static String body(int writer, int i) {
		if (i % 4 == 3) {
			return IntStream.range(0, 3)
				.mapToObj((n) -> item(link(writer + "-" + i + "-" + n), 1))
				.collect(Collectors.joining(", ", "[", "]"));
		}
		return (i % 2 == 0) ? item(link(writer + "-" + i), 1) : item(link("U" + writer), i);
	}

	private static String link(String run) {
		return "https://draft.lms/courses/course-v1:edX+DemoX+" + MARKER + run + "/info";
	}

	private static String item(String link, int count) {
		return "{\"resource_link\": \"" + link + "\", \"languages\": [\"en\"], \"enrollment_count\": " + count + "}";
	}

	private static List<String> links(String body) {
		return Pattern.compile("\"resource_link\": \"([^\"]+)\"")
			.matcher(body)
			.results()
			.map((m) -> m.group(1))
			.toList();
	}

	private record Sent(String body, HttpResponse<String> response) {
	}

	private static String freshDatabase(EmbeddedPostgres postgres, String name) throws Exception {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		return postgres.getJdbcUrl("postgres", name);
	}

}
