package org.coursesync.synclog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.coursesync.course.CourseCodes;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.Instants;

/**
 * What to find in the sync history; a null component matches every row.
 *
 * @param resourceLink rows of this (trimmed) link
 * @param lmsBackend rows of this LMS backend (its base URL)
 * @param outcome rows with this outcome
 * @param courseCode rows of this course (a normalized code)
 * @param courseRunId rows of this draft run
 * @param since rows received at or after this instant
 * @param until rows received before this instant
 */
public record SyncEventFilter(String resourceLink, String lmsBackend, SyncOutcome outcome, String courseCode,
		UUID courseRunId, Instant since, Instant until) {

	/** Every row. */
	public static final SyncEventFilter ALL = new SyncEventFilter(null, null, null, null, null, null, null);

	/**
	 * The filter of the admin API's query parameters (each may be null); a 400 naming the
	 * parameter whose value is invalid. Links and backends are kept as the history stores
	 * them; a course code is normalized like every course code.
	 */
	public static SyncEventFilter parse(String resourceLink, String lmsBackend, String outcome, String courseCode,
			String courseRunId, String since, String until) {
		return new SyncEventFilter(
				(resourceLink != null) ? SyncEvent.storable(resourceLink.strip(), SyncEvent.MAX_LINK) : null,
				(lmsBackend != null) ? SyncEvent.storable(lmsBackend, lmsBackend.length()) : null,
				(outcome != null) ? outcome(outcome) : null, (courseCode != null) ? courseCode(courseCode) : null,
				(courseRunId != null) ? uuid("course_run_id", courseRunId) : null,
				(since != null) ? instant("since", since) : null, (until != null) ? instant("until", until) : null);
	}

	private static SyncOutcome outcome(String value) {
		return SyncOutcome.fromWireName(value)
			.orElseThrow(() -> ApiProblem
				.badRequest("Invalid 'outcome': expected created, updated, unchanged or rejected."));
	}

	private static String courseCode(String value) {
		String code = CourseCodes.normalize(value);
		if (code == null) {
			throw ApiProblem.badRequest("Invalid 'course_code': use letters, digits, '-' or '_'.");
		}
		return code;
	}

	private static UUID uuid(String name, String value) {
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.badRequest("Invalid '" + name + "': expected a UUID.");
		}
	}

	private static Instant instant(String name, String value) {
		try {
			return Instants.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiProblem.badRequest("Invalid '" + name
					+ "': expected an ISO-8601 instant such as 2030-01-01T00:00:00Z or a date such as 2030-01-01.");
		}
	}

}
