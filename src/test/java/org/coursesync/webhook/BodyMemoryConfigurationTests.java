package org.coursesync.webhook;

import org.coursesync.CourseSyncApplication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A body-memory budget that could never hold a body of the largest size, or that the
 * budget cannot count, stops the start-up naming its key.
 */
class BodyMemoryConfigurationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "coursesync.body-memory.limit=19MB|coursesync.body-memory.limit",
					"coursesync.body-memory.limit=2GB|coursesync.body-memory.limit",
					"coursesync.body-memory.max-wait=-1s|coursesync.body-memory.max-wait" })
	void failsNamingTheKey(String property, String key) {
		assertThatException().isThrownBy(() -> start(property))
			.satisfies((ex) -> assertThat(messages(ex)).contains(key));
	}

	private static void start(String property) {
		new SpringApplicationBuilder(CourseSyncApplication.class).web(WebApplicationType.SERVLET)
			.properties("spring.datasource.url=jdbc:h2:mem:body-memory;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
					"spring.main.banner-mode=off", "server.port=0", "logging.level.root=OFF")
			.run("--coursesync.admin.password=x", "--" + property)
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
