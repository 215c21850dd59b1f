package org.coursesync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles admin logins: after {@value #MAX_FAILURES} failed HTTP Basic logins from one
 * client address within {@link #WINDOW}, that address gets 429 (even with the right
 * password) until the window ends. A login takes its slot before the password is checked
 * and gives it back once it is (not when the call ends), so concurrent attempts cannot
 * pass the limit either; a login that finds every slot held by logins still being checked
 * waits for one. Runs inside Spring Security's chain, just before the Basic filter: the
 * paths that chain ignores (the signed sync endpoint) are never throttled. Per instance,
 * in memory and bounded. {@link #formLogin} throttles a login form the same way.
 */
public final class LoginThrottleFilter extends OncePerRequestFilter {

	static final int MAX_FAILURES = 10;

	static final Duration WINDOW = Duration.ofMinutes(5);

	private static final int MAX_TRACKED = 10_000;

	/** The longest wait of a login for the logins of its address still being checked. */
	static final Duration IN_PROGRESS_WAIT = Duration.ofSeconds(5);

	private final LoginAttempts attempts = new LoginAttempts(MAX_FAILURES, WINDOW, MAX_TRACKED);

	private final Clock clock;

	private final Predicate<HttpServletRequest> isLogin;

	/** Where a refused form login is sent; {@code null} for HTTP Basic logins. */
	private final String refusedFormLogin;

	LoginThrottleFilter(Clock clock) {
		this(clock, (request) -> isBasicLogin(request.getHeader("Authorization")), null);
	}

	private LoginThrottleFilter(Clock clock, Predicate<HttpServletRequest> isLogin, String refusedFormLogin) {
		this.clock = clock;
		this.isLogin = isLogin;
		this.refusedFormLogin = refusedFormLogin;
	}

	/**
	 * Throttles the logins a form POSTs to {@code loginPath}, with the same limits: a
	 * login that leaves the request unauthenticated failed. Goes just before the form's
	 * login filter (after the CSRF check). A refused login is sent back to the form with
	 * {@code ?throttled} (303) instead of a JSON problem.
	 */
	public static OncePerRequestFilter formLogin(Clock clock, String loginPath) {
		return new LoginThrottleFilter(clock,
				(request) -> "POST".equals(request.getMethod()) && loginPath.equals(request.getServletPath()),
				loginPath + "?throttled");
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
		return !this.isLogin.test(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = request.getRemoteAddr();
		LoginAttempts.Decision decision = reserve(client);
		if (decision instanceof LoginAttempts.Refused refused) {
			if (this.refusedFormLogin != null) {
				response.setStatus(HttpServletResponse.SC_SEE_OTHER);
				response.setHeader("Location", request.getContextPath() + this.refusedFormLogin);
				return;
			}
			refuse(response, refused);
			return;
		}
		Slot slot = new Slot(client);
		request.setAttribute(Slot.ATTRIBUTE, slot);
		boolean completed = false;
		try {
			chain.doFilter(request, response);
			completed = true;
		}
		finally {
			slot.release(outcome(response.getStatus(), completed));
		}
	}

	/**
	 * A slot for a login from {@code client}. While the slots are held by logins still
	 * being checked (not by failures), it waits for one to end, up to
	 * {@link #IN_PROGRESS_WAIT}: logins sent at once with the right password are all
	 * served, a few at a time, and wrong ones still cannot pass the limit.
	 */
	private LoginAttempts.Decision reserve(String client) throws IOException {
		long deadline = System.nanoTime() + IN_PROGRESS_WAIT.toNanos();
		while (true) {
			LoginAttempts.Decision decision = this.attempts.reserve(client, this.clock.instant());
			if (!(decision instanceof LoginAttempts.Refused refused) || refused.failed()
					|| System.nanoTime() > deadline) {
				return decision;
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for a login slot", ex);
			}
		}
	}

	/**
	 * The filter that goes right after the Basic login: a request that reaches it was
	 * authenticated, so its slot is given back at once and the rest of the request (an
	 * admin call of any length) holds none: concurrent admin calls with the right
	 * password are never refused as logins in progress.
	 */
	OncePerRequestFilter acceptedLogins() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (request.getAttribute(Slot.ATTRIBUTE) instanceof Slot slot && isAuthenticated()) {
					slot.release(LoginAttempts.Outcome.ACCEPTED);
				}
				chain.doFilter(request, response);
			}

		};
	}

	private static boolean isAuthenticated() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	/** A login's slot, given back once, by whichever comes first. */
	private final class Slot {

		static final String ATTRIBUTE = Slot.class.getName();

		private final String client;

		private boolean released;

		Slot(String client) {
			this.client = client;
		}

		synchronized void release(LoginAttempts.Outcome outcome) {
			if (!this.released) {
				this.released = true;
				LoginThrottleFilter.this.attempts.release(this.client, outcome,
						LoginThrottleFilter.this.clock.instant());
			}
		}

	}

	private LoginAttempts.Outcome outcome(int status, boolean completed) {
		if (status == HttpServletResponse.SC_UNAUTHORIZED) {
			return LoginAttempts.Outcome.FAILED;
		}
		if (!completed) {
			return LoginAttempts.Outcome.UNKNOWN;
		}
		if (this.refusedFormLogin != null) {
			// A form login answers a redirect either way: the security context tells.
			return isAuthenticated() ? LoginAttempts.Outcome.ACCEPTED : LoginAttempts.Outcome.FAILED;
		}
		return LoginAttempts.Outcome.ACCEPTED;
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
