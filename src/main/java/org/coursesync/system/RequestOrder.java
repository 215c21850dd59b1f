package org.coursesync.system;

import org.springframework.core.Ordered;

/**
 * The order of the servlet filters and of the exception advice, in one place. Filters run
 * first to last: the request id (so every later log line has it), security headers on
 * every answer, then the query-string check, then the sync endpoint's signature gate;
 * Spring Session's filter (console paths only) follows at its default order
 * ({@code HIGHEST_PRECEDENCE + 50}); Spring Security's filter comes after all of them, at
 * its default order (-100), and the sync endpoint skips it. Inside it, the console's
 * chain is tried before the API's, which takes every other path. Tomcat's valves run
 * around all filters and need no number: the engine's {@code UnreadBodyValve} (webhook)
 * before the request reaches a host, the host's {@link JsonErrorReportValve} after the
 * response.
 */
public final class RequestOrder {

	/** Takes or makes the request id: in the logs' context and the answer's header. */
	public static final int REQUEST_ID_FILTER = Ordered.HIGHEST_PRECEDENCE;

	/** Sets the security headers, on every answer including the gate's refusals. */
	public static final int SECURITY_HEADERS_FILTER = Ordered.HIGHEST_PRECEDENCE + 1;

	/**
	 * Refuses a query string that is not percent-encoded UTF-8 (not on the sync path).
	 */
	public static final int QUERY_STRING_FILTER = Ordered.HIGHEST_PRECEDENCE + 2;

	/** The sync endpoint's gate: version, method, size, signature, replay. */
	public static final int SYNC_GATE_FILTER = Ordered.HIGHEST_PRECEDENCE + 20;

	/** The console's security chain ({@code /admin/**}, form login, sessions). */
	public static final int CONSOLE_SECURITY_CHAIN = 1;

	/** The API's security chain (HTTP Basic), for every path the console's leaves. */
	public static final int API_SECURITY_CHAIN = Ordered.LOWEST_PRECEDENCE;

	/** Richie's bodies for the sync controller's failures, consulted first. */
	public static final int SYNC_ERROR_ADVICE = Ordered.HIGHEST_PRECEDENCE;

	/** RFC 9457 problems for the admin API. */
	public static final int PROBLEM_ADVICE = Ordered.HIGHEST_PRECEDENCE + 10;

	private RequestOrder() {
	}

}
