package org.coursesync.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.coursesync.support.FromAddress;
import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.TestClockConfiguration;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forwarded headers are honoured only from a trusted proxy
 * ({@code coursesync.trusted-proxies}, 127.0.0.1 by default): through it, the catalog's
 * {@code Link} headers, the OpenAPI server and the client address in logs are the public
 * ones; from any other address (a client bound to 127.0.0.2 here) the same headers change
 * nothing. The {@code Forwarded} header is never read.
 */
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ForwardedHeadersIT extends HttpIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String PUBLIC = "https://catalog.example.org";

	@Autowired
	MutableClock clock;

	@BeforeEach
	void setUp() {
		// A new interval of the rejection log for every test.
		this.clock.set(this.clock.instant().plus(Duration.ofHours(1)));
	}

	/**
	 * The headers the shipped nginx sets, plus an RFC 7239 header that must stay unread.
	 */
	private static HttpRequest.Builder forwarded(HttpRequest.Builder request) {
		return request.header("X-Forwarded-For", "203.0.113.7")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "catalog.example.org")
			.header("X-Forwarded-Port", "443")
			.header("Forwarded", "for=198.51.100.9;proto=http;host=forwarded.example");
	}

	private HttpResponse<String> catalog(TestHttp client) {
		return client.send(forwarded(HttpRequest.newBuilder(client.uri("/api/1.0/catalogs/main/course-runs?size=10")))
			.header("Ocp-Apim-Subscription-Key", "main-key-1")
			.GET());
	}

	private String openApiServer(TestHttp client) {
		HttpResponse<String> docs = client.send(forwarded(HttpRequest.newBuilder(client.uri("/v3/api-docs"))).GET());
		assertThat(docs.statusCode()).isEqualTo(200);
		return JSON.readTree(docs.body()).get("servers").get(0).get("url").asString();
	}

	private static HttpResponse<String> wrongSecret(TestHttp client, UnaryOperator<HttpRequest.Builder> headers) {
		byte[] body = """
				{"resource_link":"https://draft.lms/courses/course-v1:edX+DemoX+1/course/"}"""
			.getBytes(StandardCharsets.UTF_8);
		return client.send(headers.apply(HttpRequest.newBuilder(client.uri("/api/v1.0/course-runs-sync")))
			.header("Content-Type", "application/json")
			.header("Authorization", SignatureVerifier.sign("not the secret", body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	@Test
	void aTrustedProxyGivesThePublicAddressToLinksTheApiDescriptionAndLogs(CapturedOutput output) {
		TestHttp proxy = new TestHttp("127.0.0.1", this.port);
		HttpResponse<String> page = catalog(proxy);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Link")).hasValueSatisfying((link) -> assertThat(link)
			.startsWith("<" + PUBLIC + "/api/1.0/catalogs/main/course-runs?page=0&size=10>; rel=\"first\"")
			.doesNotContain("127.0.0.1")
			.doesNotContain(":" + this.port)
			.doesNotContain("forwarded.example"));
		assertThat(openApiServer(proxy)).isEqualTo(PUBLIC);
		assertThat(wrongSecret(proxy, ForwardedHeadersIT::forwarded).statusCode()).isEqualTo(401);
		assertThat(output.getAll()).contains("wrong-signature (401) from 203.0.113.7")
			.doesNotContain("from 198.51.100.9");
	}

	@Test
	void anUntrustedClientCannotChangeTheAddressesWithForwardedHeaders(CapturedOutput output) {
		String internal = "http://localhost:" + this.port;
		FromAddress.Response page = untrusted("GET", "/api/1.0/catalogs/main/course-runs?size=10", null,
				"Ocp-Apim-Subscription-Key: main-key-1");
		assertThat(page.status()).as(page.head()).isEqualTo(200);
		assertThat(page.header("Link")).hasValueSatisfying((link) -> assertThat(link)
			.startsWith("<" + internal + "/api/1.0/catalogs/main/course-runs?page=0&size=10>; rel=\"first\"")
			.doesNotContain("catalog.example.org")
			.doesNotContain("forwarded.example"));
		FromAddress.Response docs = untrusted("GET", "/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(JSON.readTree(docs.body()).get("servers").get(0).get("url").asString()).isEqualTo(internal);
		String body = """
				{"resource_link":"https://draft.lms/courses/course-v1:edX+DemoX+1/course/"}""";
		FromAddress.Response sync = untrusted("POST", "/api/v1.0/course-runs-sync", body,
				"Content-Type: application/json",
				"Authorization: " + SignatureVerifier.sign("not the secret", body.getBytes(StandardCharsets.UTF_8)));
		assertThat(sync.status()).isEqualTo(401);
		assertThat(output.getAll()).contains("wrong-signature (401) from 127.0.0.2")
			.doesNotContain("from 203.0.113.7")
			.doesNotContain("from 198.51.100.9");
	}

	/** A request from 127.0.0.2, not a trusted proxy, with the forwarded headers. */
	private FromAddress.Response untrusted(String method, String target, String body, String... headers) {
		List<String> all = new ArrayList<>(List.of("X-Forwarded-For: 203.0.113.7", "X-Forwarded-Proto: https",
				"X-Forwarded-Host: catalog.example.org", "X-Forwarded-Port: 443",
				"Forwarded: for=198.51.100.9;proto=http;host=forwarded.example"));
		all.addAll(List.of(headers));
		return FromAddress.send("127.0.0.2", this.port, method, target, body, all.toArray(String[]::new));
	}

	@Test
	void anAdminLocationIsRelativeSoItKeepsThePublicAddress() {
		TestHttp proxy = new TestHttp("127.0.0.1", this.port);
		HttpResponse<String> created = proxy.send(forwarded(HttpRequest.newBuilder(proxy.uri("/api/admin/courses")))
			.header("Authorization", TestHttp.adminAuthorization())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"code":"ProxyX","title":"Behind a proxy"}""")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/courses/PROXYX");
	}

}
