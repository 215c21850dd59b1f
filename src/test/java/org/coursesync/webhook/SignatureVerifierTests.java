package org.coursesync.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Richie's signature scheme, with the test vector of docs/richie-compatibility.md
 * ("Signature test vector") and the Open edX client.
 */
class SignatureVerifierTests {

	private static final byte[] NONE = new byte[0];

	@Test
	void reproducesRichieTestVector() {
		String body = "{\"resource_link\": \"http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/\", "
				+ "\"enrollment_count\": 865}";
		assertThat(SignatureVerifier.sign("shared secret", body.getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("SIG-HMAC-SHA256 f510d35ba7492eb5c5133fab6bd2fa18328307089735a20f4a7f4a828e0598b5");
	}

	@Test
	void acceptsAnyConfiguredSecretAndReportsItsIndex() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		SignatureVerifier verifier = new SignatureVerifier(List.of("old", "new"));
		assertThat(verifier.verify(header(SignatureVerifier.sign("new", body)), NONE, body)).hasValue(1);
		assertThat(verifier.verify(header(SignatureVerifier.sign("old", body)), NONE, body)).hasValue(0);
		assertThat(verifier.verify(header(SignatureVerifier.sign("other", body)), NONE, body)).isEmpty();
	}

	@Test
	void isExactAboutTheHeader() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		SignatureVerifier verifier = new SignatureVerifier(List.of("s"));
		String good = SignatureVerifier.sign("s", body);
		assertThat(verifier.verify(header(good.toUpperCase()), NONE, body)).isEmpty();
		assertThat(verifier.verify(header(good.replace("SIG-HMAC-SHA256", "sig-hmac-sha256")), NONE, body)).isEmpty();
		assertThat(verifier.verify(header(good + " "), NONE, body)).isEmpty();
		assertThat(verifier.verify(header(good.replace(" ", "  ")), NONE, body)).isEmpty();
		assertThat(verifier.verify("SIG-HMAC-SHA256 é".getBytes(StandardCharsets.ISO_8859_1), NONE, body)).isEmpty();
	}

	@Test
	void refusesEverythingWithoutSecrets() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		SignatureVerifier verifier = new SignatureVerifier(List.of());
		assertThat(verifier.isEmpty()).isTrue();
		assertThat(verifier.verify(header(SignatureVerifier.sign("s", body)), NONE, body)).isEmpty();
	}

	@Test
	void signsTimestampPrefixWhenGiven() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		SignatureVerifier verifier = new SignatureVerifier(List.of("s"));
		byte[] prefix = "1700000000.".getBytes(StandardCharsets.US_ASCII);
		String signed = SignatureVerifier.sign("s", "1700000000.{}".getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(header(signed), prefix, body)).hasValue(0);
		assertThat(verifier.verify(header(signed), NONE, body)).isEmpty();
	}

	private static byte[] header(String value) {
		return value.getBytes(StandardCharsets.ISO_8859_1);
	}

}
