package org.coursesync.system;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a logged-in user whose role does not allow the call with a 403 RFC 9457 problem
 * that names the role needed (and {@code required_role}), in the admin API's problem
 * format. Runs in the security chain, before any controller: nothing is read or written.
 */
@Component
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	/** Built from a builder: that constructor registers the ProblemDetail mix-in. */
	private final JacksonJsonHttpMessageConverter converter = new JacksonJsonHttpMessageConverter(JsonMapper.builder());

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Role required = AdminAccess.required(request);
		ProblemDetail problem = ProblemAdvice.problem(ApiProblem.forbidden(detail(request, required)));
		problem.setInstance(URI.create(request.getRequestURI()));
		if (required != null) {
			problem.setProperty("required_role", required.wireName());
		}
		String id = RequestIdFilter.of(request);
		if (id != null) {
			problem.setProperty(RequestIdFilter.KEY, id);
		}
		response.setStatus(HttpStatus.FORBIDDEN.value());
		this.converter.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
	}

	private static String detail(HttpServletRequest request, Role required) {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		String role = (user == null) ? null
				: user.getAuthorities()
					.stream()
					.map((authority) -> authority.getAuthority())
					.filter((authority) -> authority.startsWith("ROLE_"))
					.map((authority) -> authority.substring(5).toLowerCase(Locale.ROOT))
					.findFirst()
					.orElse(null);
		String call = request.getMethod() + " " + request.getRequestURI();
		if (required == null) {
			return "Your role does not allow " + call + ".";
		}
		return call + " needs the role " + required.wireName() + ((required != Role.ADMIN) ? " or higher" : "")
				+ ((role != null) ? "; your role is " + role : "") + ".";
	}

}
