package org.coursesync.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.coursesync.support.HttpIT;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closed by default, security headers everywhere, throttled admin logins, metrics, and
 * logs that never hold a secret, a signature, a password, a subscription key or a body.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.org.coursesync=DEBUG", "logging.level.org.springframework.security=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
class SecurityIT extends HttpIT {

	static final String LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	@BeforeEach
	void setUp() {
		this.db.course("DEMOX", "Demo");
	}

	private HttpResponse<String> get(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request);
	}

	private static String basic(String password) {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void closesAdminAndMetricsEndpointsWithoutCredentials() {
		for (String path : List.of("/api/admin/courses", "/api/admin/sync-events", "/actuator/prometheus",
				"/actuator/metrics", "/api/admin/courses/DEMOX")) {
			assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
		}
		assertThat(get("/api/1.0/catalogs/main/course-runs", null).statusCode()).isEqualTo(403);
		assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/env", basic("test-admin-password")).statusCode()).isEqualTo(404);
	}

	@Test
	void sendsSecurityHeadersOnEveryResponse() {
		HttpResponse<String> synced = this.http.sync("""
				{"resource_link": "%s"}""".formatted(LINK));
		List<HttpResponse<String>> responses = List.of(synced, get("/api/v1.0/course-runs-sync", null),
				get("/api/v9/course-runs-sync", null), get("/api/admin/courses", null),
				get("/api/admin/courses", basic("test-admin-password")), get("/api/1.0/catalogs/main/course-runs", "x"),
				get("/nope", null), get("/actuator/health", null));
		for (HttpResponse<String> response : responses) {
			String what = response.request().method() + " " + response.uri() + " " + response.statusCode();
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
			assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).isPresent();
		}
		assertThat(get("/api/admin/courses", basic("test-admin-password")).headers().allValues("Cache-Control"))
			.anySatisfy((value) -> assertThat(value).contains("no-store"));
	}

	@Test
	void logsNoSecretSignaturePasswordKeyOrBody(CapturedOutput output) {
		String secretBody = """
				{"resource_link": "%s", "languages": ["en"], "discount": "BODYMARKER"}""".formatted(LINK);
		String signature = SignatureVerifier.sign("shared secret", secretBody.getBytes(StandardCharsets.UTF_8));
		assertThat(this.http.sync(secretBody).statusCode()).isEqualTo(200);
		this.http.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
			.header("Content-Type", "application/json")
			.header("Authorization",
					SignatureVerifier.sign("not-the-secret", secretBody.getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(secretBody)));
		this.http.sync("""
				{"resource_link": "%s", "enrollment_count": "BODYMARKER2"}""".formatted(LINK));
		this.http.sync("""
				{"resource_link": BODYMARKER3""");
		get("/api/admin/courses", basic("test-admin-password"));
		get("/api/admin/courses", basic("wrong-password-marker"));
		get("/api/1.0/catalogs/main/course-runs", null);
		this.http.send(HttpRequest.newBuilder(this.http.uri("/api/1.0/catalogs/main/course-runs"))
			.header("Ocp-Apim-Subscription-Key", "main-key-1")
			.GET());
		String logs = output.getAll();
		assertThat(logs).contains("course-runs-sync");
		assertThat(logs).doesNotContain("shared secret")
			.doesNotContain(signature.substring(16))
			.doesNotContain("test-admin-password")
			.doesNotContain("wrong-password-marker")
			.doesNotContain("main-key-1")
			.doesNotContain("BODYMARKER")
			.doesNotContain("dGVzdC1hZG1pbi1wYXNzd29yZA");
	}

	@Test
	void exposesSyncMetrics() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(LINK));
		this.http.sync("""
				{"resource_link": "%s", "enrollment_count": -1}""".formatted(LINK));
		this.http.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}")));
		HttpResponse<String> metrics = get("/actuator/prometheus", basic("test-admin-password"));
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains(
				"coursesync_sync_items_total{lms_backend=\"http://example.edx:8073\",outcome=\"created\",sync_mode=\"sync_to_public\"}",
				"coursesync_sync_items_total{lms_backend=\"http://example.edx:8073\",outcome=\"rejected\",sync_mode=\"none\"}",
				"coursesync_sync_item_duration_seconds_bucket", "coursesync_sync_history_size",
				"coursesync_sync_rejected_requests_total{reason=\"missing-signature\",status=\"403\"}",
				"http_server_requests_seconds_bucket");
	}

}
