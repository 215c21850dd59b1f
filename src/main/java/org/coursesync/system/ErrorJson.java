package org.coursesync.system;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * The one builder of the JSON error bodies written before or outside Spring MVC (the
 * filters, the security chain's handlers, Tomcat's error valve), where no advice can
 * answer. Three formats: the sync endpoint's {@code {"detail": ...}} bodies, compact as
 * Richie (DRF) renders them; RFC 9457 problems; the catalog API's bare JSON strings.
 * Problems come in the two member orders the service answers with: {@link #problem} (type
 * first, as the login entry point, the login throttle and Tomcat's valve have always
 * written them) and {@link #mvcProblem} (as Spring MVC writes the admin API's
 * {@code ProblemDetail}s: Jackson's alphabetical order, without the default type, then
 * the extra members).
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
		return problem(status, reasonPhrase(status), detail, requestId);
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

	/** {@code "..."}: a bare JSON string, the catalog API's error shape. */
	public static String string(String text) {
		return quote(new StringBuilder(), text).toString();
	}

	/**
	 * A problem as Spring MVC writes a {@code ProblemDetail} with the status's reason
	 * phrase as its title and no type: {@code detail}, {@code instance} (if not null),
	 * {@code status}, {@code title}, then {@code properties} in their order.
	 */
	public static String mvcProblem(int status, String detail, String instance, Map<String, String> properties) {
		StringBuilder json = new StringBuilder("{\"detail\":");
		quote(json, detail);
		if (instance != null) {
			quote(json.append(",\"instance\":"), instance);
		}
		json.append(",\"status\":").append(status).append(",\"title\":");
		quote(json, reasonPhrase(status));
		properties.forEach((name, value) -> quote(quote(json.append(','), name).append(':'), value));
		return json.append('}').toString();
	}

	/**
	 * {@link #mvcProblem} without instance, with the request id (if not null) as its only
	 * property: what the admin API's problems carry.
	 */
	public static String mvcProblem(int status, String detail, String requestId) {
		return mvcProblem(status, detail, null,
				(requestId != null) ? Map.of(RequestIdFilter.KEY, requestId) : Map.of());
	}

	private static String reasonPhrase(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
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
