package org.coursesync.system;

import java.lang.reflect.RecordComponent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Answers 400 naming a query parameter that an admin API operation does not take, so a
 * typo ({@code outcom=rejected}) is not silently ignored and answered with every row. The
 * parameters an operation takes are read from its handler method's signature, so a new
 * parameter is known as soon as it is declared.
 */
@Component
class KnownParameters implements HandlerInterceptor, WebMvcConfigurer {

	/** Known names per handler method; empty when the method takes any name. */
	private final Map<HandlerMethod, Optional<Set<String>>> known = new ConcurrentHashMap<>();

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String query = request.getQueryString();
		if (query == null || !(handler instanceof HandlerMethod method)
				|| !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), AdminApi.class)) {
			return true;
		}
		Optional<Set<String>> names = this.known.computeIfAbsent(method, KnownParameters::names);
		if (names.isEmpty()) {
			return true;
		}
		for (String pair : query.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			// The query string filter has refused anything that does not decode.
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			if (!names.get().contains(name)) {
				throw ApiProblem.badRequest("Unknown query parameter '" + name + "'; " + (names.get().isEmpty()
						? "this operation takes none." : "known: " + String.join(", ", names.get()) + "."));
			}
		}
		return true;
	}

	/** The query parameters {@code method} reads; empty when it takes any name. */
	private static Optional<Set<String>> names(HandlerMethod method) {
		Set<String> names = new TreeSet<>();
		for (MethodParameter parameter : method.getMethodParameters()) {
			Class<?> type = parameter.getParameterType();
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				if (Map.class.isAssignableFrom(type)) {
					return Optional.empty();
				}
				names.add(StringUtils.hasText(param.name()) ? param.name() : parameter.getParameterName());
			}
			else if (parameter.hasParameterAnnotation(PathVariable.class)
					|| parameter.hasParameterAnnotation(RequestBody.class)
					|| parameter.hasParameterAnnotation(RequestHeader.class)
					|| parameter.hasParameterAnnotation(CookieValue.class)) {
				continue;
			}
			else if (Pageable.class.isAssignableFrom(type)) {
				names.addAll(Set.of("page", "size", "sort"));
			}
			else if (BeanUtils.isSimpleProperty(type)) {
				// Spring reads an unannotated simple parameter as a request parameter.
				names.add(parameter.getParameterName());
			}
			else if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					BindParam bind = component.getAnnotation(BindParam.class);
					names.add((bind != null) ? bind.value() : component.getName());
				}
			}
			else if (type.getName().startsWith("org.coursesync.")) {
				// A bean bound from the query: its names are not known here.
				return Optional.empty();
			}
		}
		return Optional.of(names);
	}

}
