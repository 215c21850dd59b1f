package org.coursesync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles admin logins: after {@value #MAX_FAILURES} failed HTTP Basic logins from one
 * client address within {@link #WINDOW}, that address gets 429 (even with the right
 * password) until the window ends. Per instance and in memory (bounded); behind a load
 * balancer each instance throttles on its own, so the effective limit is that many
 * failures per instance.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class LoginThrottleFilter extends OncePerRequestFilter {

	static final int MAX_FAILURES = 10;

	static final Duration WINDOW = Duration.ofMinutes(5);

	private static final int MAX_TRACKED = 10_000;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Clock clock;

	LoginThrottleFilter(Clock clock) {
		this.clock = clock;
	}

	private record Failures(int count, Instant windowStart) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String authorization = request.getHeader("Authorization");
		return authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = request.getRemoteAddr();
		Instant now = this.clock.instant();
		Failures current = this.failures.get(client);
		if (current != null && current.windowStart().plus(WINDOW).isBefore(now)) {
			this.failures.remove(client, current);
			current = null;
		}
		if (current != null && current.count() >= MAX_FAILURES) {
			long wait = Math.max(1, Duration.between(now, current.windowStart().plus(WINDOW)).toSeconds());
			refuse(response, wait);
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
			if (this.failures.size() >= MAX_TRACKED) {
				this.failures.clear();
			}
			this.failures.merge(client, new Failures(1, now),
					(old, one) -> new Failures(old.count() + 1, old.windowStart()));
		}
		else if (current != null) {
			this.failures.remove(client);
		}
	}

	private static void refuse(HttpServletResponse response, long waitSeconds) throws IOException {
		response.setStatus(429);
		response.setHeader("Retry-After", Long.toString(waitSeconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		String body = "{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":"
				+ "\"Too many failed admin logins from this address: retry in " + waitSeconds + " seconds.\"}";
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

}
