package org.coursesync.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on every response, including those the sync filter writes itself
 * before Spring Security runs.
 */
@Component
@Order(RequestOrder.SECURITY_HEADERS_FILTER)
class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
			+ "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";

	/**
	 * The admin console's pages: nothing inline at all (no script, no style attribute),
	 * nothing from another origin. The API description's UI needs inline styles; the
	 * console does not.
	 */
	static final String CONSOLE_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
			+ "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Content-Security-Policy",
				isConsole(request) ? CONSOLE_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
		chain.doFilter(request, response);
	}

	private static boolean isConsole(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/admin") || path.startsWith("/admin/");
	}

}
