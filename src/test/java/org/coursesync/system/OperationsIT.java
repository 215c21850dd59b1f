package org.coursesync.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coursesync.support.HttpIT;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator reads: build and git details in {@code /actuator/info}, a request id
 * in headers, admin problems and log lines, and a description for every metric.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.level.org.coursesync.system.RequestIdFilter=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class OperationsIT extends HttpIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	@Test
	void infoShowsBuildAndGit() {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.http.uri("/actuator/info")));
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode info = JSON.readTree(response.body());
		assertThat(info.path("build").path("name").asString()).isEqualTo("coursesync");
		assertThat(info.path("build").path("version").asString()).isNotBlank();
		assertThat(info.path("build").path("time").asString()).isNotBlank();
		// The git part comes from git.properties, written only by a build inside a git
		// checkout (failOnNoGitDirectory=false keeps other builds working).
		if (Files.exists(Path.of(".git"))) {
			assertThat(info.path("git").path("commit").path("id").asString()).matches("[0-9a-f]{7,40}");
			assertThat(info.path("git").path("branch").asString()).isNotBlank();
		}
		// Simple mode: nothing about who built it or where.
		assertThat(response.body()).doesNotContain("email").doesNotContain("build.host");
	}

	@Test
	void everyResponseHasARequestId() {
		HttpResponse<String> response = get("/actuator/health", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches(UUID));
		HttpResponse<String> other = get("/actuator/health", null);
		assertThat(other.headers().firstValue("X-Request-Id"))
			.isNotEqualTo(response.headers().firstValue("X-Request-Id"));
	}

	@Test
	void echoesAValidIncomingId() {
		String id = "edge-7f3a.b_2:01";
		assertThat(get("/actuator/health", id).headers().firstValue("X-Request-Id")).hasValue(id);
		String longest = "a".repeat(64);
		assertThat(get("/actuator/health", longest).headers().firstValue("X-Request-Id")).hasValue(longest);
	}

	@Test
	void replacesAnInvalidIncomingId() {
		for (String invalid : List.of("a".repeat(65), "two words", "<script>", "\"quoted\"", "a/b")) {
			HttpResponse<String> response = get("/actuator/health", invalid);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Request-Id")).as(invalid)
				.hasValueSatisfying((id) -> assertThat(id).matches(UUID));
		}
	}

	@Test
	void adminProblemsCarryTheRequestId() {
		HttpResponse<String> notFound = this.http.send(HttpRequest.newBuilder(this.http.uri("/api/admin/courses/NOPE"))
			.header("Authorization", TestHttp.adminAuthorization())
			.header("X-Request-Id", "trace-404"));
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JSON.readTree(notFound.body());
		assertThat(problem.path("status").asInt()).isEqualTo(404);
		assertThat(problem.path("request_id").asString()).isEqualTo("trace-404");

		HttpResponse<String> badJson = this.http.send(HttpRequest.newBuilder(this.http.uri("/api/admin/courses"))
			.header("Authorization", TestHttp.adminAuthorization())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{not json")));
		assertThat(badJson.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(badJson.body()).path("request_id").asString())
			.isEqualTo(badJson.headers().firstValue("X-Request-Id").orElseThrow());

		HttpResponse<String> unauthorized = get("/api/admin/courses", "trace-401");
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		JsonNode login = JSON.readTree(unauthorized.body());
		assertThat(login.path("detail").asString()).contains("HTTP Basic");
		assertThat(login.path("request_id").asString()).isEqualTo("trace-401");
	}

	@Test
	void syncAnswersCarryTheIdInTheHeaderOnly() {
		HttpResponse<String> unsigned = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("X-Request-Id", "lms-call-1")
				.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(unsigned.statusCode()).isEqualTo(403);
		assertThat(unsigned.headers().firstValue("X-Request-Id")).hasValue("lms-call-1");
		assertThat(unsigned.body()).doesNotContain("lms-call-1").doesNotContain("request_id");

		HttpResponse<String> signed = this.http.sync("{\"resource_link\": \"https://nowhere/x\"}");
		assertThat(signed.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches(UUID));
		assertThat(signed.body()).doesNotContain("request_id");
	}

	@Test
	void logLinesOfARequestCarryItsId(CapturedOutput output) {
		HttpResponse<String> response = get("/actuator/health", "not valid!");
		String id = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(id).matches(UUID);
		List<String> lines = output.getAll()
			.lines()
			.filter((line) -> line.contains("Replaced an invalid X-Request-Id"))
			.toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("[" + id + "]").doesNotContain("not valid!");
		// Outside a request the place of the id holds "-".
		assertThat(output.getAll()).containsPattern("\\] \\[-\\] [a-z.]*");
	}

	@Test
	void everyCoursesyncMetricIsDescribed() {
		// The meters registered on first use: a rejected and an accepted sync request.
		this.http.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));
		this.http.sync("{\"resource_link\": \"https://draft.lms/courses/course-v1:edX+DemoX+01/info\"}");
		HttpResponse<String> scrape = this.http.adminGet("/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		Map<String, String> help = new LinkedHashMap<>();
		List<String> families = new ArrayList<>();
		Matcher lines = Pattern.compile("(?m)^# (HELP|TYPE) (coursesync_\\S+) ?(.*)$").matcher(scrape.body());
		while (lines.find()) {
			if (lines.group(1).equals("HELP")) {
				help.put(lines.group(2), lines.group(3));
			}
			else {
				families.add(lines.group(2));
			}
		}
		assertThat(families).contains("coursesync_sync_rejected_requests_total", "coursesync_sync_items_total",
				"coursesync_sync_body_memory_held_bytes");
		for (String family : families) {
			assertThat(help.get(family)).as("# HELP of " + family).isNotBlank();
		}
	}

	private HttpResponse<String> get(String path, String requestId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path));
		if (requestId != null) {
			request.header("X-Request-Id", requestId);
		}
		return this.http.send(request);
	}

}
