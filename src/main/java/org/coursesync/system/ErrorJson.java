package org.coursesync.system;

import org.springframework.http.HttpStatus;

/**
 * The one builder of the JSON error bodies written before or outside Spring MVC (the sync
 * gate, the login entry point, Tomcat's error valve), where no advice can answer: RFC
 * 9457 problems with their members in the order the admin API's problems have them, and
 * the sync endpoint's {@code {"detail": ...}} bodies, compact as Richie (DRF) renders
 * them.
 */
public final class ErrorJson {

	private ErrorJson() {
	}

	/** {@code {"detail":"..."}}, the sync endpoint's error shape. */
	public static String detail(String detail) {
		return quote(new StringBuilder("{\"detail\":"), detail).append('}').toString();
	}

	/**
	 * A problem with the status's reason phrase as its title; {@code requestId} may be
	 * null.
	 */
	public static String problem(int status, String detail, String requestId) {
		HttpStatus known = HttpStatus.resolve(status);
		return problem(status, (known != null) ? known.getReasonPhrase() : "Error", detail, requestId);
	}

	/** A problem; {@code requestId} may be null. */
	public static String problem(int status, String title, String detail, String requestId) {
		StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":");
		quote(json, title).append(",\"status\":").append(status).append(",\"detail\":");
		quote(json, detail);
		if (requestId != null) {
			quote(json.append(",\"").append(RequestIdFilter.KEY).append("\":"), requestId);
		}
		return json.append('}').toString();
	}

	/** A JSON string, escaped as Jackson escapes it by default. */
	private static StringBuilder quote(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"', '\\' -> json.append('\\').append(c);
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04X", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"');
	}

}
