package org.coursesync.webhook;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.coursesync.support.HttpIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No secret configured (allowed, as in Richie): 403 without a header, 401 for any signed
 * request. And a small body limit: 413 before authentication, the body left unread.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "coursesync.secrets=", "coursesync.max-body-size=1KB" })
class UnconfiguredSecretsIT extends HttpIT {

	@BeforeEach
	void setUp() {
		this.db.course("DEMOX", "Demo");
	}

	@Test
	void answersEverySignedRequestWith401() {
		HttpResponse<String> response = this.http
			.sync("""
					{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/", "languages": ["en"]}""");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("\"Invalid authentication.\"");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).isEmpty();
	}

	@Test
	void stillAnswersMissingHeaderWith403() {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("\"Missing authentication.\"");
	}

	@Test
	void refusesOversizedBodiesBeforeAuthentication() {
		byte[] body = ("{\"resource_link\": \"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("Authorization", SignatureVerifier.sign("anything", body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).isEqualTo("{\"detail\":\"Request body larger than 1KB.\"}");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).isEmpty();
	}

}
