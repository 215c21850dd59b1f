package org.coursesync.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.coursesync.CourseSyncApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A wrong configuration stops the start-up with a message naming its key.
 */
class ConfigurationStartupTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "coursesync.default-sync-mode=sometimes|coursesync.default-sync-mode",
			"coursesync.lms-backends[0].course-regex=(|coursesync.lms-backends[0].course-regex",
			"coursesync.lms-backends[0].course-regex=^https://x/(?P<id>.+)|coursesync.lms-backends[0].course-regex",
			"coursesync.lms-backends[0].default-course-run-sync-mode=auto|coursesync.lms-backends[0].default-course-run-sync-mode",
			"coursesync.secrets[0]=|coursesync.secrets[0]", "coursesync.time-zone=Mars/Olympus|coursesync.time-zone",
			"coursesync.admin.password=|coursesync.admin.password" })
	void failsNamingTheKey(String property, String key) {
		assertThatException().isThrownBy(() -> start(property))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(messages(ex)).contains(key));
	}

	private static void start(String property) {
		Map<String, String> args = new LinkedHashMap<>();
		args.put("coursesync.lms-backends[0].base-url", "https://x");
		args.put("coursesync.lms-backends[0].course-regex", "^https://x/(?P<course_id>.+)");
		args.put("coursesync.admin.password", "x");
		int equals = property.indexOf('=');
		args.put(property.substring(0, equals), property.substring(equals + 1));
		new SpringApplicationBuilder(CourseSyncApplication.class).web(WebApplicationType.SERVLET)
			.properties("spring.datasource.url=jdbc:h2:mem:startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
					"spring.main.banner-mode=off", "server.port=0", "logging.level.root=OFF")
			.run(args.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))
			.close();
	}

	private static String messages(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}

}
