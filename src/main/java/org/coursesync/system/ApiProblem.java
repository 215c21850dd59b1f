package org.coursesync.system;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An admin API error: status, a detail telling the caller what to fix, and field errors.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, List<String>> errors;

	public ApiProblem(HttpStatus status, String detail, Map<String, List<String>> errors) {
		super(detail, null, false, false);
		this.status = status;
		this.errors = errors;
	}

	public static ApiProblem notFound(String detail) {
		return new ApiProblem(HttpStatus.NOT_FOUND, detail, Map.of());
	}

	public static ApiProblem conflict(String detail) {
		return new ApiProblem(HttpStatus.CONFLICT, detail, Map.of());
	}

	/**
	 * A 403: the user's role does not allow the call; {@code detail} names the role
	 * needed.
	 */
	public static ApiProblem forbidden(String detail) {
		return new ApiProblem(HttpStatus.FORBIDDEN, detail, Map.of());
	}

	public static ApiProblem badRequest(String detail) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, detail, Map.of());
	}

	/** A 400 with field errors (field name to messages). */
	public static ApiProblem invalid(Map<String, List<String>> errors) {
		return new ApiProblem(HttpStatus.BAD_REQUEST,
				"Invalid fields: " + String.join(", ", errors.keySet()) + ". See 'errors' for what each field accepts.",
				errors);
	}

	public HttpStatus status() {
		return this.status;
	}

	public Map<String, List<String>> errors() {
		return this.errors;
	}

}
