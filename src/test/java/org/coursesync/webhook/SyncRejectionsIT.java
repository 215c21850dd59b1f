package org.coursesync.webhook;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.support.FromAddress;
import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.RawHttp;
import org.coursesync.support.TestClockConfiguration;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refused sync requests, as an operator sees them: each kind counted under its own
 * {@code reason} in {@code coursesync.sync.rejected.requests} and named in the
 * {@code X-Coursesync-Rejection} header, with Richie's exact bodies; one log line per
 * reason and sender address per interval, without body or signature; no history row for
 * an unauthenticated request. A stale timestamp and a wrong secret are told apart.
 */
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class SyncRejectionsIT extends HttpIT {

	static final String BODY_MARKER = "BODYMARKER-7f3a";

	static final String BODY = """
			{"resource_link":"https://draft.lms/courses/course-v1:edX+DemoX+01/course/",\
			"title":"%s","languages":["en"]}""".formatted(BODY_MARKER);

	static final String INVALID = "\"Invalid authentication.\"";

	@Autowired
	MeterRegistry registry;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void setUp() {
		// A new log interval for every test.
		this.clock.set(this.clock.instant().plus(Duration.ofHours(1)));
		this.db.course("DEMOX", "Demo");
	}

	private double count(String reason, int status) {
		Counter counter = this.registry.find("coursesync.sync.rejected.requests")
			.tag("reason", reason)
			.tag("status", Integer.toString(status))
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private HttpResponse<String> post(String body, UnaryOperator<HttpRequest.Builder> headers) {
		return this.http.send(headers.apply(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))));
	}

	private static String signature(String secret, String signed) {
		return SignatureVerifier.sign(secret, signed.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> wrongSecret() {
		return post(BODY, (r) -> r.header("Authorization", signature("an old secret", BODY)));
	}

	private HttpResponse<String> staleTimestamp() {
		String stale = Long.toString(this.clock.instant().minus(Duration.ofMinutes(10)).getEpochSecond());
		return post(BODY, (r) -> r.header("X-Coursesync-Timestamp", stale)
			.header("Authorization", signature(TestHttp.SECRET, stale + "." + BODY)));
	}

	/** Sends a request, checks status, Richie's body and the header, and the counter. */
	private void assertRefused(String reason, int status, String body, RequestSender request) throws IOException {
		assertRefused(reason, status, (sent) -> assertThat(sent).as(reason).isEqualTo(body), request);
	}

	private void assertRefused(String reason, int status, Consumer<String> body, RequestSender request)
			throws IOException {
		double before = count(reason, status);
		Refusal refusal = request.send();
		assertThat(refusal.status()).as(reason).isEqualTo(status);
		body.accept(refusal.body());
		assertThat(refusal.reasonHeader()).as(reason).isEqualTo(reason);
		assertThat(count(reason, status)).as(reason).isEqualTo(before + 1);
	}

	private static Refusal refusal(HttpResponse<String> response) {
		return new Refusal(response.statusCode(), response.body(),
				response.headers().firstValue(SyncRejections.HEADER).orElse(null));
	}

	private record Refusal(int status, String body, String reasonHeader) {

	}

	@FunctionalInterface
	private interface RequestSender {

		Refusal send() throws IOException;

	}

	@Test
	void countsEveryUnauthenticatedRefusalByReasonAndStoresNothing() throws IOException {
		assertRefused("missing-signature", 403, "\"Missing authentication.\"",
				() -> refusal(post(BODY, UnaryOperator.identity())));
		assertRefused("malformed-signature", 401, INVALID,
				() -> refusal(post(BODY, (r) -> r.header("Authorization", "SIG-HMAC-SHA256 not-hex"))));
		assertRefused("wrong-signature", 401, INVALID, () -> refusal(wrongSecret()));
		assertRefused("stale-timestamp", 401, INVALID, () -> refusal(staleTimestamp()));
		assertRefused("malformed-timestamp", 401, INVALID,
				() -> refusal(post(BODY, (r) -> r.header("X-Coursesync-Timestamp", "yesterday")
					.header("Authorization", signature(TestHttp.SECRET, "yesterday." + BODY)))));
		assertRefused("method-not-allowed", 405, "{\"detail\":\"Method \\\"GET\\\" not allowed.\"}", () -> refusal(
				this.http.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync")).GET())));
		assertRefused("invalid-version", 404, "{\"detail\":\"Invalid version in URL path.\"}",
				() -> refusal(this.http.sync("/api/v2.0/course-runs-sync", BODY)));
		assertRefused("too-large", 413, "{\"detail\":\"Request body larger than 10MB.\"}", () -> {
			RawHttp.Response raw = RawHttp.send(this.port,
					("POST /api/v1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
							+ "Content-Type: application/json\r\nAuthorization: " + signature(TestHttp.SECRET, BODY)
							+ "\r\nContent-Length: 20000000\r\n")
						.getBytes(StandardCharsets.US_ASCII),
					new byte[0]);
			String header = Arrays.stream(raw.head().split("\r\n"))
				.filter((line) -> line.regionMatches(true, 0, SyncRejections.HEADER + ":", 0,
						SyncRejections.HEADER.length() + 1))
				.map((line) -> line.substring(SyncRejections.HEADER.length() + 1).strip())
				.findFirst()
				.orElse(null);
			return new Refusal(raw.status(), raw.body(), header);
		});
		// An unauthenticated request leaves no row.
		assertThat(this.db.events()).isEmpty();
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void countsSignedRefusalsByReasonWithRichiesBodies() throws IOException {
		assertRefused("bad-json", 400,
				(body) -> assertThat(body).startsWith("{\"detail\":\"JSON parse error - ").endsWith("\"}"),
				() -> refusal(this.http.sync("{\"")));
		assertRefused("not-an-object", 400,
				"{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}",
				() -> refusal(this.http.sync("\"text\"")));
		assertRefused("missing-resource-link", 400, "{\"resource_link\":[\"This field is required.\"]}",
				() -> refusal(this.http.sync("""
						[{"title":"x"}]""")));
		// Signed requests are recorded as rejected, as before.
		assertThat(this.db.events()).hasSize(3)
			.allSatisfy((event) -> assertThat(event.get("outcome")).isEqualTo("rejected"));
		// An accepted request carries no rejection header.
		HttpResponse<String> accepted = this.http.sync(BODY);
		assertThat(accepted.statusCode()).isEqualTo(200);
		assertThat(accepted.headers().firstValue(SyncRejections.HEADER)).isEmpty();
	}

	@Test
	void logsEachReasonOncePerIntervalAndSenderWithoutBodyOrSignature(CapturedOutput output) {
		int start = output.getAll().length();
		for (int i = 0; i < 5; i++) {
			assertThat(wrongSecret().statusCode()).isEqualTo(401);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(staleTimestamp().statusCode()).isEqualTo(401);
		}
		List<String> lines = refusalLines(output, start);
		assertThat(lines).hasSize(2);
		assertThat(lines.get(0)).contains("wrong-signature (401) from 127.0.0.1")
			.contains("matches none of coursesync.secrets");
		assertThat(lines.get(1)).contains("stale-timestamp (401) from 127.0.0.1")
			.contains("coursesync.replay-tolerance");

		// Another address gets its own line at once.
		FromAddress.Response other = FromAddress.send("127.0.0.2", this.port, "POST", "/api/v1.0/course-runs-sync",
				BODY, "Content-Type: application/json", "Authorization: " + signature("an old secret", BODY));
		assertThat(other.status()).isEqualTo(401);
		assertThat(other.body()).isEqualTo(INVALID);
		assertThat(refusalLines(output, start)).hasSize(3)
			.last()
			.asString()
			.contains("wrong-signature (401) from 127.0.0.2");

		// After the interval, the next one is logged with the count of those left out.
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(1)));
		assertThat(wrongSecret().statusCode()).isEqualTo(401);
		assertThat(refusalLines(output, start)).hasSize(4)
			.last()
			.asString()
			.contains("wrong-signature (401) from 127.0.0.1")
			.contains("4 more from this address since its last line");

		String logged = output.getAll().substring(start);
		assertThat(logged).doesNotContain(BODY_MARKER)
			.doesNotContain(signature("an old secret", BODY).substring("SIG-HMAC-SHA256 ".length()))
			.doesNotContain("SIG-HMAC-SHA256 ")
			.doesNotContain("an old secret")
			.doesNotContain(TestHttp.SECRET);
	}

	private static List<String> refusalLines(CapturedOutput output, int start) {
		return output.getAll()
			.substring(start)
			.lines()
			.filter((line) -> line.contains("Sync request refused"))
			.toList();
	}

}
