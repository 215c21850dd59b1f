package org.coursesync.system;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the request id to every RFC 9457 problem a controller or its advice returns, so
 * that a caller can quote it and an operator find the request's log lines. The sync
 * endpoint answers Richie's bodies, never a {@link ProblemDetail}, and is not touched.
 */
@ControllerAdvice
class RequestIdProblems implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		if (body instanceof ProblemDetail problem && request instanceof ServletServerHttpRequest servlet) {
			HttpServletRequest raw = servlet.getServletRequest();
			String id = RequestIdFilter.of(raw);
			if (id != null) {
				problem.setProperty(RequestIdFilter.KEY, id);
			}
		}
		return body;
	}

}
