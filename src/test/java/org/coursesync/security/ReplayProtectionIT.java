package org.coursesync.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.TestClockConfiguration;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opt-in signed timestamp, at the edges of {@code coursesync.replay-tolerance} (5
 * minutes): exactly at the tolerance passes, one second beyond fails, in both directions.
 */
@Import(TestClockConfiguration.class)
class ReplayProtectionIT extends HttpIT {

	static final String BODY = """
			{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/", "languages": ["en"]}""";

	static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

	@Autowired
	MutableClock clock;

	@BeforeEach
	void setUp() {
		this.db.course("DEMOX", "Demo");
		this.clock.set(NOW);
	}

	HttpResponse<String> send(String timestamp, String signedTimestamp) {
		byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
		byte[] signed = (signedTimestamp + "." + BODY).getBytes(StandardCharsets.UTF_8);
		return this.http.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
			.header("Content-Type", "application/json")
			.header("X-Coursesync-Timestamp", timestamp)
			.header("Authorization", SignatureVerifier.sign(TestHttp.SECRET, signed))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	HttpResponse<String> at(long offsetSeconds) {
		String ts = Long.toString(NOW.getEpochSecond() + offsetSeconds);
		return send(ts, ts);
	}

	@Test
	void acceptsTimestampsWithinTheTolerance() {
		assertThat(at(0).statusCode()).isEqualTo(200);
		assertThat(at(-300).statusCode()).isEqualTo(200);
		assertThat(at(300).statusCode()).isEqualTo(200);
		assertThat(this.db.events()).hasSize(3);
	}

	@Test
	void refusesTimestampsBeyondTheTolerance() {
		for (long offset : new long[] { -301, 301, -86400 }) {
			HttpResponse<String> response = at(offset);
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).isEqualTo("\"Invalid authentication.\"");
		}
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).isEmpty();
	}

	@Test
	void refusesATimestampTheSignatureDoesNotCover() {
		String ts = Long.toString(NOW.getEpochSecond());
		String other = Long.toString(NOW.getEpochSecond() - 1);
		assertThat(send(ts, other).statusCode()).isEqualTo(401);
		assertThat(send("abc", "abc").statusCode()).isEqualTo(401);
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void keepsRichieSignaturesWorkingWithoutTheHeader() {
		assertThat(this.http.sync(BODY).statusCode()).isEqualTo(200);
	}

}
