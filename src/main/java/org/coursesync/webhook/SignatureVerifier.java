package org.coursesync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.OptionalInt;

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

	private final List<Key> keys;

	public SignatureVerifier(List<String> secrets) {
		this.keys = secrets.stream()
			.map((secret) -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.map((spec) -> new Key(spec, mac(spec, new byte[0])))
			.toList();
	}

	/**
	 * A secret and an initialized {@link Mac} of it, never fed: each request clones it,
	 * which skips the provider lookup and the key set-up of a new one.
	 */
	private record Key(SecretKeySpec spec, Mac prototype) {

		Mac start(byte[] prefix) {
			try {
				Mac mac = (Mac) this.prototype.clone();
				mac.update(prefix);
				return mac;
			}
			catch (CloneNotSupportedException ex) {
				// A provider whose Mac cannot be cloned: a new one each time.
				return mac(this.spec, prefix);
			}
		}

	}

	/** Whether no secret is configured: every signed request is then refused. */
	public boolean isEmpty() {
		return this.keys.isEmpty();
	}

	/**
	 * The index of the first secret whose signature of {@code prefix + body} equals
	 * {@code header}, if any. {@code header} holds the header's bytes (ISO-8859-1, as the
	 * servlet container decodes them), so a non-ASCII header simply never matches.
	 */
	public OptionalInt verify(byte[] header, byte[] prefix, byte[] body) {
		Digests digests = start(prefix);
		digests.update(body, 0, body.length);
		return digests.match(header);
	}

	/**
	 * Starts the signatures of a body that arrives in pieces: one {@link Mac} per secret,
	 * fed with {@code prefix} now and each piece of the body as it is read.
	 */
	public Digests start(byte[] prefix) {
		List<Mac> macs = this.keys.stream().map((key) -> key.start(prefix)).toList();
		return new Digests(macs);
	}

	/**
	 * The running signatures of one body, one per configured secret.
	 */
	public static final class Digests {

		private final List<Mac> macs;

		private Digests(List<Mac> macs) {
			this.macs = macs;
		}

		/** Feeds the next {@code length} bytes of the body. */
		public void update(byte[] bytes, int offset, int length) {
			for (Mac mac : this.macs) {
				mac.update(bytes, offset, length);
			}
		}

		/**
		 * The index of the first secret whose signature equals {@code header}, if any.
		 * Every secret is compared, in constant time.
		 */
		public OptionalInt match(byte[] header) {
			OptionalInt match = OptionalInt.empty();
			for (int i = 0; i < this.macs.size(); i++) {
				byte[] expected = expectedHeader(this.macs.get(i).doFinal());
				if (MessageDigest.isEqual(expected, header) && match.isEmpty()) {
					match = OptionalInt.of(i);
				}
			}
			return match;
		}

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
		Mac mac = mac(key, prefix);
		mac.update(body);
		return expectedHeader(mac.doFinal());
	}

	private static byte[] expectedHeader(byte[] digest) {
		byte[] header = new byte[SCHEME_BYTES.length + digest.length * 2];
		System.arraycopy(SCHEME_BYTES, 0, header, 0, SCHEME_BYTES.length);
		int at = SCHEME_BYTES.length;
		for (byte b : digest) {
			header[at++] = HEX[(b >> 4) & 0xF];
			header[at++] = HEX[b & 0xF];
		}
		return header;
	}

	private static Mac mac(SecretKeySpec key, byte[] prefix) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			mac.update(prefix);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
