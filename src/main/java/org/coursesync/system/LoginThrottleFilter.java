package org.coursesync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles admin logins: after {@value #MAX_FAILURES} failed HTTP Basic logins from one
 * client address within {@link #WINDOW}, that address gets 429 (even with the right
 * password) until the window ends. A login takes its slot before the password is checked,
 * so concurrent attempts cannot pass the limit either. Runs inside Spring Security's
 * chain, just before the Basic filter: the paths that chain ignores (the signed sync
 * endpoint) are never throttled. Per instance, in memory and bounded.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

	static final int MAX_FAILURES = 10;

	static final Duration WINDOW = Duration.ofMinutes(5);

	private static final int MAX_TRACKED = 10_000;

	private final LoginAttempts attempts = new LoginAttempts(MAX_FAILURES, WINDOW, MAX_TRACKED);

	private final Clock clock;

	LoginThrottleFilter(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Whether Spring Security reads {@code authorization} as an HTTP Basic login: its
	 * {@link BasicAuthenticationConverter} trims the value and takes any that starts with
	 * {@code Basic}, in any case and followed by any character (space, tab, colon...).
	 */
	static boolean isBasicLogin(String authorization) {
		if (authorization == null) {
			return false;
		}
		String value = authorization.trim();
		String scheme = BasicAuthenticationConverter.AUTHENTICATION_SCHEME_BASIC;
		return value.regionMatches(true, 0, scheme, 0, scheme.length());
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isBasicLogin(request.getHeader("Authorization"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = request.getRemoteAddr();
		if (this.attempts.reserve(client, this.clock.instant()) instanceof LoginAttempts.Refused refused) {
			refuse(response, refused);
			return;
		}
		boolean completed = false;
		try {
			chain.doFilter(request, response);
			completed = true;
		}
		finally {
			this.attempts.release(client, outcome(response.getStatus(), completed), this.clock.instant());
		}
	}

	private static LoginAttempts.Outcome outcome(int status, boolean completed) {
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			return LoginAttempts.Outcome.FAILED;
		}
		return completed ? LoginAttempts.Outcome.ACCEPTED : LoginAttempts.Outcome.UNKNOWN;
	}

	private static void refuse(HttpServletResponse response, LoginAttempts.Refused refused) throws IOException {
		long seconds = Math.max(1, refused.retryAfter().toSeconds());
		String detail = refused.failed()
				? "Too many failed admin logins from this address: retry in " + seconds + " seconds."
				: "Too many admin logins in progress from this address: retry in " + seconds + " seconds.";
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		String body = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"" + detail
				+ "\"}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

}
