package org.coursesync.security;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.coursesync.CourseSyncApplication;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code logging.structured.format.console=ecs} switches the logs to JSON lines: checked
 * on a fresh JVM started as in production (no profile), so that logging is configured
 * from scratch.
 */
class StructuredLoggingIT {

	@Test
	void writesJsonLinesWhenSwitchedOn() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				CourseSyncApplication.class.getName(), "--server.port=0", "--logging.structured.format.console=ecs",
				"--coursesync.admin.password=structured-test",
				"--spring.datasource.url=jdbc:h2:mem:structured;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")
			.redirectErrorStream(true)
			.start();
		List<String> lines = new ArrayList<>();
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = out.readLine()) != null;) {
				lines.add(line);
				if (line.contains("Started CourseSyncApplication")) {
					break;
				}
			}
		}
		finally {
			process.destroy();
			process.waitFor(20, TimeUnit.SECONDS);
		}
		JsonMapper json = JsonMapper.builder().build();
		List<String> started = lines.stream().filter((line) -> line.contains("Started CourseSyncApplication")).toList();
		assertThat(started).as(String.join("\n", lines)).hasSize(1);
		JsonNode line = json.readTree(started.get(0));
		assertThat(line.get("message").asString()).startsWith("Started CourseSyncApplication");
		assertThat(line.get("log").get("level").asString()).isEqualTo("INFO");
		assertThat(lines.stream().filter((l) -> l.startsWith("{")).count()).isGreaterThan(5);
		assertThat(String.join("\n", lines)).doesNotContain("structured-test");
	}

}
