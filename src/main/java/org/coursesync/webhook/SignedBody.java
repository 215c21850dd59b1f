package org.coursesync.webhook;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The raw bytes of a sync request whose signature was verified, and the index (from 0) of
 * the secret that matched. The sync filter stores it as a request attribute.
 *
 * @param bytes the body exactly as received
 * @param secretIndex index of the matching secret in {@code coursesync.secrets}
 */
public record SignedBody(byte[] bytes, int secretIndex) {

	static final String ATTRIBUTE = SignedBody.class.getName();

	/** The verified body of {@code request}; only present behind the sync filter. */
	public static SignedBody of(HttpServletRequest request) {
		Object value = request.getAttribute(ATTRIBUTE);
		if (value instanceof SignedBody body) {
			return body;
		}
		throw new IllegalStateException("The sync filter did not verify this request");
	}

}
