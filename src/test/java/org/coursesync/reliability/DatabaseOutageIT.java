package org.coursesync.reliability;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.coursesync.support.Database;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped under load and started again: 503 with Retry-After and a JSON body
 * (never a hang, a 500 or a stack trace), readiness DOWN, then recovery without a
 * restart.
 */
class DatabaseOutageIT {

	static final String LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	/** Hang guard for the recovery: the pool reconnects within seconds. */
	static final Duration RECOVERY_GUARD = Duration.ofSeconds(30);

	static int pgPort;

	static Path dataDirectory;

	static EmbeddedPostgres postgres;

	static ConfigurableApplicationContext app;

	static TestHttp http;

	@BeforeAll
	static void start() throws IOException {
		pgPort = TwoInstances.freePort();
		dataDirectory = Files.createTempDirectory("coursesync-outage");
		postgres = startPostgres();
		app = TwoInstances.start(TwoInstances.url(postgres), "--spring.datasource.hikari.connection-timeout=2000",
				"--spring.datasource.hikari.validation-timeout=1000");
		http = new TestHttp(TwoInstances.port(app));
		Database db = new Database(
				new JdbcTemplate(new DriverManagerDataSource(TwoInstances.url(postgres), "postgres", "postgres")));
		db.reset();
		db.course("DEMOX", "Demo");
	}

	static EmbeddedPostgres startPostgres() throws IOException {
		return EmbeddedPostgres.builder()
			.setPort(pgPort)
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.start();
	}

	@AfterAll
	static void stop() throws IOException {
		app.close();
		postgres.close();
		FileSystemUtils.deleteRecursively(dataDirectory);
	}

	private static HttpResponse<String> sync(int count) {
		return http.sync("""
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": %d}""".formatted(LINK, count));
	}

	private static int status(String path) {
		return http.send(HttpRequest.newBuilder(http.uri(path)).GET()).statusCode();
	}

	@Test
	void waitsForThePoolOncePer503AndDoesNotWaitAgainToRecordTheFailure() throws Exception {
		assertThat(sync(1).statusCode()).isEqualTo(200);
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		postgres.close();
		// The pooled connections went with the server: the next requests find none.
		app.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
		try {
			double timeouts = poolTimeouts(meters);
			double unrecorded = unrecordedFailures(meters);
			HttpResponse<String> single = sync(5);
			HttpResponse<String> batch = http.sync("""
					[{"resource_link": "%s", "enrollment_count": 6},
					 {"resource_link": "%s", "languages": ["en"]},
					 {"resource_link": "%s", "languages": ["en"]}]""".formatted(LINK, LINK.replace("01", "02"),
					LINK.replace("01", "03")));
			System.out.printf("Outage: %.0f pool timeouts and %.0f unrecorded failures for two 503s%n",
					poolTimeouts(meters) - timeouts, unrecordedFailures(meters) - unrecorded);
			for (HttpResponse<String> response : List.of(single, batch)) {
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(response.body())
					.isEqualTo("{\"detail\":\"The catalog database is unavailable; retry in a few seconds.\"}");
			}
			// One pool timeout per 503 (the batch stops at its first item); the failures
			// were counted, not written.
			assertThat(poolTimeouts(meters) - timeouts).isEqualTo(2.0);
			assertThat(unrecordedFailures(meters) - unrecorded).isEqualTo(2.0);
		}
		finally {
			postgres = startPostgres();
		}
		Poll.until("a sync accepted after the restart", RECOVERY_GUARD, () -> sync(7).statusCode() == 200);
	}

	private static double poolTimeouts(MeterRegistry meters) {
		return meters.get("hikaricp.connections.timeout").counter().count();
	}

	private static double unrecordedFailures(MeterRegistry meters) {
		Counter counter = meters.find("coursesync.sync.failures.unrecorded").counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void answers503DuringAnOutageAndRecoversWithoutRestart() throws Exception {
		assertThat(sync(1).statusCode()).isEqualTo(200);
		List<HttpResponse<String>> duringLoad = new CopyOnWriteArrayList<>();
		AtomicBoolean loading = new AtomicBoolean(true);
		Thread load = new Thread(() -> {
			int i = 2;
			while (loading.get()) {
				duringLoad.add(sync(i++));
			}
		});
		load.start();
		Poll.until("a sync under load", RECOVERY_GUARD, () -> !duringLoad.isEmpty());
		postgres.close();
		Poll.until("a 503 under load", RECOVERY_GUARD,
				() -> duringLoad.stream().anyMatch((response) -> response.statusCode() == 503));

		HttpResponse<String> down = sync(1000);
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(down.body()).startsWith("{\"detail\":\"").doesNotContain("Exception").doesNotContain("at org.");
		assertThat(status("/actuator/health/readiness")).isEqualTo(503);
		assertThat(status("/actuator/health/liveness")).isEqualTo(200);

		postgres = startPostgres();
		Poll.until("a sync accepted after the restart", RECOVERY_GUARD, () -> sync(2000).statusCode() == 200);
		loading.set(false);
		// Hang guard: every request of the load ends (TestHttp gives each 30 seconds).
		load.join(60_000);
		assertThat(load.isAlive()).as("a request hung across the outage").isFalse();
		for (int i = 0; i < 10; i++) {
			assertThat(sync(3000 + i).statusCode()).isEqualTo(200);
		}
		assertThat(status("/actuator/health/readiness")).isEqualTo(200);
		// Under load across the outage: only 200 or 503, never a 500, never a hung
		// request.
		assertThat(duringLoad).isNotEmpty().allSatisfy((response) -> assertThat(response.statusCode()).isIn(200, 503));
		assertThat(duringLoad).anySatisfy((response) -> assertThat(response.statusCode()).isEqualTo(503));
	}

}
