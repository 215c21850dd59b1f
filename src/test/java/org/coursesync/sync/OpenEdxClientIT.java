package org.coursesync.sync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.coursesync.support.HttpIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Open edX stand-in client (its copy in
 * {@code src/test/resources/openedx/openedx_hook_client.py}, byte-exact body and
 * signature of richie-openedx-sync) against the service, with its default {@code /info}
 * links and with {@code /course/} links.
 */
class OpenEdxClientIT extends HttpIT {

	/**
	 * The shared client when the project sits beside {@code ../shared}, else the copy
	 * kept in the test resources (so that a clone built anywhere runs these tests too).
	 */
	private static final Path CLIENT = Files.isRegularFile(Path.of("..", "shared", "clients", "openedx_hook_client.py"))
			? Path.of("..", "shared", "clients", "openedx_hook_client.py")
			: Path.of("src", "test", "resources", "openedx", "openedx_hook_client.py");

	@BeforeEach
	void setUp() {
		assertThat(CLIENT).isRegularFile();
		this.db.course("DEMOX", "Demo");
	}

	@Test
	void acceptsTheDefaultInfoLinks() throws Exception {
		String output = run("--lms-domain", "example.edx:8073", "--enrollment-count", "7", "--language", "fr",
				"--catalog-visibility", "about");
		assertThat(output).contains("HTTP 200").contains("{\"success\":true}");
		List<Map<String, Object>> runs = this.db.draftRuns();
		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.get("resource_link"))
				.isEqualTo("https://example.edx:8073/courses/course-v1:edX+DemoX+Demo_Course/info");
			assertThat(run.get("enrollment_count")).isEqualTo(7);
			assertThat(run.get("languages")).isEqualTo("fr");
			assertThat(run.get("catalog_visibility")).isEqualTo("course_only");
		});
	}

	@Test
	void acceptsCourseLinksAndPaymentFields() throws Exception {
		String output = run("--resource-link-template", "https://{lms_domain}/courses/{course_id}/course/", "--variant",
				"master", "--include-payment-fields", "--course-mode", "audit:0", "--course-mode", "verified:49:eur",
				"--language", "pt_PT");
		assertThat(output).contains("HTTP 200");
		assertThat(this.db.draftRuns()).singleElement().satisfies((run) -> {
			assertThat(run.get("offer")).isEqualTo("partially_free");
			assertThat(run.get("certificate_offer")).isEqualTo("paid");
			assertThat(run.get("certificate_price").toString()).isEqualTo("49.00");
			assertThat(run.get("price_currency")).isEqualTo("EUR");
			assertThat(run.get("languages")).isEqualTo("pt");
		});
	}

	@Test
	void reportsAWrongSecretAsTheClientSeesIt() throws Exception {
		String output = run("--secret", "wrong");
		assertThat(output).contains("HTTP 401").contains("\"Invalid authentication.\"");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	private String run(String... extra) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("python3", CLIENT.toString(), "--url",
				"http://localhost:" + this.port + "/api/v1.0/course-runs-sync/", "--course-key",
				"course-v1:edX+DemoX+Demo_Course"));
		if (!List.of(extra).contains("--secret")) {
			command.addAll(List.of("--secret", "shared secret"));
		}
		command.addAll(List.of(extra));
		if (!List.of(extra).contains("--lms-domain")) {
			command.addAll(List.of("--lms-domain", "example.edx:8073"));
		}
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			assumeTrue(false, "python3 is not installed");
			throw ex;
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

}
