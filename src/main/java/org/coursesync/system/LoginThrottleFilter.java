package org.coursesync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles admin HTTP Basic logins with {@link LoginAttempts}: failed logins of one user
 * name from one client address are slowed down to a trickle (429 with {@code Retry-After}
 * and a problem body, even for the right password, until a token is back), while the same
 * user name from another address still gets in. A login takes its tokens before the
 * password is checked and gives them back once it is accepted (not when the call ends),
 * so concurrent attempts cannot pass the limit either; a login that finds its tokens held
 * by logins of its address still being checked waits for one. Runs inside Spring
 * Security's chain, just before the Basic filter: the paths that chain ignores (the
 * signed sync endpoint) are never throttled. The client address is the one Tomcat
 * resolved (a trusted proxy's {@code X-Forwarded-For}, see
 * {@code coursesync.trusted-proxies}). {@link #formLogin} throttles a login form the same
 * way.
 */
public final class LoginThrottleFilter extends OncePerRequestFilter {

	/** The longest wait of a login for the logins of its address still being checked. */
	static final Duration IN_PROGRESS_WAIT = Duration.ofSeconds(5);

	private final LoginAttempts attempts;

	private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

	private final Predicate<HttpServletRequest> isLogin;

	/** Where a refused form login is sent; {@code null} for HTTP Basic logins. */
	private final String refusedFormLogin;

	LoginThrottleFilter(LoginAttempts attempts) {
		this(attempts, (request) -> isBasicLogin(request.getHeader("Authorization")), null);
	}

	private LoginThrottleFilter(LoginAttempts attempts, Predicate<HttpServletRequest> isLogin,
			String refusedFormLogin) {
		this.attempts = attempts;
		this.isLogin = isLogin;
		this.refusedFormLogin = refusedFormLogin;
	}

	/**
	 * Throttles the logins a form POSTs to {@code loginPath}, with the same limits: a
	 * login that leaves the request unauthenticated failed. Goes just before the form's
	 * login filter (after the CSRF check). A refused login is sent back to the form with
	 * {@code ?throttled} (303) instead of a JSON problem.
	 */
	public static OncePerRequestFilter formLogin(LoginAttempts attempts, String loginPath) {
		return new LoginThrottleFilter(attempts,
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
		LoginAttempts.Decision decision = reserve(username(request), request.getRemoteAddr());
		if (decision instanceof LoginAttempts.Refused refused) {
			if (this.refusedFormLogin != null) {
				response.setStatus(HttpServletResponse.SC_SEE_OTHER);
				response.setHeader("Location", request.getContextPath() + this.refusedFormLogin);
				return;
			}
			refuse(response, refused);
			return;
		}
		Slot slot = new Slot((LoginAttempts.Reserved) decision);
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
	 * The user name of the login (the form's {@code username}, or the Basic header's), or
	 * null when it cannot be decoded.
	 */
	private String username(HttpServletRequest request) {
		if (this.refusedFormLogin != null) {
			return request.getParameter("username");
		}
		try {
			UsernamePasswordAuthenticationToken token = this.basic.convert(request);
			return (token != null) ? token.getName() : null;
		}
		catch (AuthenticationException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Tokens for a login. While the client's tokens are held by its logins still being
	 * checked (not by failures), it waits for one to end, up to
	 * {@link #IN_PROGRESS_WAIT}: logins sent at once with the right password are all
	 * served, a few at a time, and wrong ones still cannot pass the limit.
	 */
	private LoginAttempts.Decision reserve(String username, String client) throws IOException {
		long deadline = System.nanoTime() + IN_PROGRESS_WAIT.toNanos();
		while (true) {
			LoginAttempts.Decision decision = this.attempts.reserve(username, client);
			if (!(decision instanceof LoginAttempts.Refused refused) || !refused.busy()
					|| System.nanoTime() > deadline) {
				return decision;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for a login slot", ex);
			}
		}
	}

	/**
	 * The filter that goes right after the Basic login: a request that reaches it was
	 * authenticated, so its tokens are given back at once and the rest of the request (an
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

	/** A login's reservation, released once, by whichever comes first. */
	private final class Slot {

		static final String ATTRIBUTE = Slot.class.getName();

		private final LoginAttempts.Reserved reservation;

		private boolean released;

		Slot(LoginAttempts.Reserved reservation) {
			this.reservation = reservation;
		}

		synchronized void release(LoginAttempts.Outcome outcome) {
			if (!this.released) {
				this.released = true;
				LoginThrottleFilter.this.attempts.release(this.reservation, outcome);
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
		long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
		String detail;
		if (refused.busy()) {
			detail = "Too many admin logins in progress from this address: retry in " + seconds + " seconds.";
		}
		else if (refused.perUser()) {
			detail = "Too many failed admin logins for this user: retry in " + seconds + " seconds.";
		}
		else {
			detail = "Too many failed admin logins from this address: retry in " + seconds + " seconds.";
		}
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		// Without the request id, as this answer has always been.
		String body = ErrorJson.problem(HttpStatus.TOO_MANY_REQUESTS.value(), detail, null);
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

}
