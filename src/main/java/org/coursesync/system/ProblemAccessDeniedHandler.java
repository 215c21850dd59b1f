package org.coursesync.system;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a logged-in user whose role does not allow the call with a 403 RFC 9457 problem
 * that names the role needed (and {@code required_role}), in the admin API's problem
 * format. Runs in the security chain, before any controller: nothing is read or written.
 */
@Component
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		Role required = AdminAccess.required(request);
		Map<String, String> properties = new LinkedHashMap<>();
		if (required != null) {
			properties.put("required_role", required.wireName());
		}
		String id = RequestIdFilter.of(request);
		if (id != null) {
			properties.put(RequestIdFilter.KEY, id);
		}
		String body = ErrorJson.mvcProblem(HttpStatus.FORBIDDEN.value(), detail(request, required),
				URI.create(request.getRequestURI()).toString(), properties);
		response.setStatus(HttpStatus.FORBIDDEN.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
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
