package org.coursesync.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.coursesync.CourseSyncApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each common misconfiguration ends the start-up with one short paragraph naming its key
 * and the fix, not a stack trace; a production start on H2 warns; an unreachable database
 * is retried for the configured time.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	private static final String H2 = "jdbc:h2:mem:startup-failure;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

	@Test
	void missingAdminPasswordNamesTheKeyAndTheVariable(CapturedOutput output) {
		failToStart(Map.of("coursesync.admin.password", ""));
		String report = report(output);
		assertThat(report).contains("coursesync.admin.password is not set")
			.contains("COURSESYNC_ADMIN_PASSWORD")
			.contains("Action:");
		assertShort(output);
	}

	@Test
	void duplicateUserNameNamesTheKey(CapturedOutput output) {
		Map<String, String> users = new LinkedHashMap<>();
		users.put("coursesync.admin.users[0].username", "alice");
		users.put("coursesync.admin.users[0].password", "{noop}first-password");
		users.put("coursesync.admin.users[0].role", "editor");
		users.put("coursesync.admin.users[1].username", "Alice");
		users.put("coursesync.admin.users[1].password", "second-password");
		users.put("coursesync.admin.users[1].role", "viewer");
		failToStart(users);
		String report = report(output);
		assertThat(report)
			.contains("coursesync.admin.users[1].username: 'Alice' is already the user name of "
					+ "coursesync.admin.users[0].username")
			.contains("COURSESYNC_ADMIN_USERS_1_USERNAME")
			.contains("Action:");
		assertThat(output.getAll()).doesNotContain("first-password").doesNotContain("second-password");
		assertShort(output);
	}

	@Test
	void productionStartOnH2Warns(CapturedOutput output) {
		failToStart(Map.of("coursesync.admin.password", ""));
		assertThat(output.getOut()).containsPattern("WARN .*spring\\.datasource\\.url is the embedded H2 database")
			.contains("SPRING_DATASOURCE_URL");
	}

	@Test
	void devProfileOnH2DoesNotWarn(CapturedOutput output) {
		failToStart(Map.of("spring.profiles.active", "dev", "coursesync.admin.password", ""));
		assertThat(output.getOut()).doesNotContain("embedded H2 database");
	}

	@Test
	void badCourseRegexNamesTheKeyAndTheSyntax(CapturedOutput output) {
		failToStart(Map.of("coursesync.lms-backends[0].course-regex", "^https://x/(?P<course_id>.+"));
		String report = report(output);
		assertThat(report).contains("coursesync.lms-backends[0].course-regex: does not compile")
			.contains("COURSESYNC_LMS_BACKENDS_0_COURSE_REGEX")
			.contains("(?P<course_id>.+)");
		assertShort(output);
	}

	@Test
	void openedxRegexWithoutCourseIdNamesTheGroup(CapturedOutput output) {
		failToStart(Map.of("coursesync.lms-backends[0].course-regex", "^https://x/(?P<id>.+)"));
		assertThat(report(output)).contains("coursesync.lms-backends[0].course-regex: an openedx backend needs");
		assertShort(output);
	}

	@Test
	void badTrustedProxiesNamesTheKeyAndTheSyntax(CapturedOutput output) {
		failToStart(Map.of("coursesync.trusted-proxies", "10\\.0\\.0\\.(1|127\\.0\\.0\\.1"));
		assertThat(report(output)).contains("coursesync.trusted-proxies: does not compile as a regular expression")
			.contains("COURSESYNC_TRUSTED_PROXIES")
			.contains("10\\.0\\.0\\.\\d+|127\\.0\\.0\\.1");
		assertShort(output);
	}

	@Test
	void boundValidationFailureIsShort(CapturedOutput output) {
		failToStart(Map.of("coursesync.replay-tolerance", "0s"));
		assertThat(report(output)).contains("coursesync.replay-tolerance").contains("must be at least 1s");
		assertShort(output);
	}

	@Test
	void bindingFailureIsShort(CapturedOutput output) {
		failToStart(Map.of("coursesync.default-sync-mode", "sometimes"));
		assertThat(report(output)).contains("coursesync.default-sync-mode").contains("sync_to_public");
		assertShort(output);
	}

	@Test
	@Timeout(60)
	void unreachableDatabaseIsRetriedThenNamed(CapturedOutput output) throws Exception {
		// A port that accepts and closes every connection: the driver fails each attempt,
		// and
		// the test counts them.
		AtomicInteger attempts = new AtomicInteger();
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				while (!server.isClosed()) {
					try (Socket socket = server.accept()) {
						attempts.incrementAndGet();
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			Map<String, String> properties = new LinkedHashMap<>();
			properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + server.getLocalPort()
					+ "/coursesync?sslmode=disable&gssEncMode=disable&password=hidden");
			properties.put("spring.datasource.hikari.initialization-fail-timeout", "2500");
			failToStart(properties);
		}
		// Hikari tries about once a second: 0 s, 1 s, 2 s (3 s may still start).
		assertThat(attempts.get()).isBetween(3, 4);
		String report = report(output);
		assertThat(report).contains("Could not connect to the database at jdbc:postgresql://127.0.0.1:")
			.contains("spring.datasource.url")
			.contains("after 2500 ms of retries (spring.datasource.hikari.initialization-fail-timeout)")
			.contains("SPRING_DATASOURCE_URL")
			.doesNotContain("hidden");
		assertShort(output);
	}

	/** Starts the application as in production (no profile) with {@code overrides}. */
	private static void failToStart(Map<String, String> overrides) {
		Map<String, String> args = new LinkedHashMap<>();
		args.put("spring.datasource.url", H2);
		args.put("coursesync.lms-backends[0].base-url", "https://x");
		args.put("coursesync.lms-backends[0].course-regex", "^https://x/(?P<course_id>.+)");
		args.put("coursesync.admin.password", "x");
		args.putAll(overrides);
		assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(CourseSyncApplication.class).web(WebApplicationType.SERVLET)
				.properties("spring.main.banner-mode=off", "server.port=0")
				.run(args.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))
				.close());
	}

	/** The failure analysis, from its banner on. */
	private static String report(CapturedOutput output) {
		String all = output.getAll();
		int start = all.indexOf("APPLICATION FAILED TO START");
		assertThat(start).as(all).isNotNegative();
		return all.substring(start);
	}

	/** No stack trace anywhere, and a report of a few lines. */
	private static void assertShort(CapturedOutput output) {
		String all = output.getAll();
		assertThat(all).doesNotContain("Caused by:").doesNotContainPattern("(?m)^\\s+at [a-z]");
		// Boot's binding analysis lists property, value, origin and reason: about 20
		// lines.
		assertThat(report(output).lines().count()).isLessThan(25);
	}

}
