package org.coursesync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * Answers a missing or wrong admin login with a 401 RFC 9457 problem and a Basic
 * challenge.
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String DETAIL = "Send the admin login with HTTP Basic authentication.";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader("WWW-Authenticate", "Basic realm=\"coursesync\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		String body = ErrorJson.problem(HttpServletResponse.SC_UNAUTHORIZED, DETAIL, RequestIdFilter.of(request));
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

}
