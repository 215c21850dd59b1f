package org.coursesync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Richie's signature: {@code SIG-HMAC-SHA256 <lowercase hex>} of the raw body, with any
 * of the configured secrets. Every secret is tried (no early exit) and compared in
 * constant time.
 */
public final class SignatureVerifier {

	static final String SCHEME = "SIG-HMAC-SHA256 ";

	private static final byte[] SCHEME_BYTES = SCHEME.getBytes(StandardCharsets.US_ASCII);

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private final List<SecretKeySpec> keys;

	public SignatureVerifier(List<String> secrets) {
		this.keys = secrets.stream()
			.map((secret) -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.toList();
	}

	/** Whether no secret is configured: every signed request is then refused. */
	public boolean isEmpty() {
		return this.keys.isEmpty();
	}

	/**
	 * The index of the first secret whose signature of {@code prefix + body} equals
	 * {@code header}, or -1. {@code header} holds the header's bytes (ISO-8859-1, as the
	 * servlet container decodes them), so a non-ASCII header simply never matches.
	 */
	public int verify(byte[] header, byte[] prefix, byte[] body) {
		int match = -1;
		for (int i = 0; i < this.keys.size(); i++) {
			byte[] expected = expectedHeader(this.keys.get(i), prefix, body);
			if (MessageDigest.isEqual(expected, header) && match < 0) {
				match = i;
			}
		}
		return match;
	}

	/**
	 * The full header value for {@code body} signed with {@code secret}, for clients and
	 * tests.
	 */
	public static String sign(String secret, byte[] body) {
		SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		return new String(expectedHeader(key, new byte[0], body), StandardCharsets.US_ASCII);
	}

	private static byte[] expectedHeader(SecretKeySpec key, byte[] prefix, byte[] body) {
		byte[] digest = mac(key, prefix, body);
		byte[] header = new byte[SCHEME_BYTES.length + digest.length * 2];
		System.arraycopy(SCHEME_BYTES, 0, header, 0, SCHEME_BYTES.length);
		int at = SCHEME_BYTES.length;
		for (byte b : digest) {
			header[at++] = HEX[(b >> 4) & 0xF];
			header[at++] = HEX[b & 0xF];
		}
		return header;
	}

	private static byte[] mac(SecretKeySpec key, byte[] prefix, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			mac.update(prefix);
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
