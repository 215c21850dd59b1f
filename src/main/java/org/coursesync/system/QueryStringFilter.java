package org.coursesync.system;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400 to a query string that is not valid percent-encoded UTF-8 before any
 * controller asks for a parameter: the servlet container would otherwise fail inside the
 * handler and log the failure as a server error with its stack trace. The sync endpoint
 * never reads its query string (Richie ignores it too), so it is left alone.
 */
@Component
@Order(RequestOrder.QUERY_STRING_FILTER)
class QueryStringFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getQueryString() == null || SyncPath.version(request) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> invalid = firstInvalidParameter(request.getQueryString());
		if (invalid.isEmpty()) {
			chain.doFilter(request, response);
			return;
		}
		String message = "Invalid query parameter '" + invalid.get()
				+ "': send names and values as percent-encoded UTF-8 (%XX with two hexadecimal digits), "
				+ "without control characters";
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		String body;
		if (request.getRequestURI().startsWith("/api/1.0/catalogs/")) {
			// The catalog API answers bare JSON strings, as the portal expects
			// (docs/catalog-api.md).
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			body = ErrorJson.string(message);
		}
		else {
			// The admin API's problems, as its controllers' advice writes them.
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			body = ErrorJson.mvcProblem(HttpServletResponse.SC_BAD_REQUEST, message, RequestIdFilter.of(request));
		}
		response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The name of the first parameter whose name or value is not valid percent-encoded
	 * UTF-8 without control characters, if any.
	 */
	static Optional<String> firstInvalidParameter(String query) {
		for (String pair : query.split("&", -1)) {
			if (!decodes(pair)) {
				int equals = pair.indexOf('=');
				String name = (equals < 0) ? pair : pair.substring(0, equals);
				return Optional.of(decodes(name) ? decode(name) : "(unreadable name)");
			}
		}
		return Optional.empty();
	}

	private static boolean decodes(String text) {
		return decode(text) != null;
	}

	private static String decode(String text) {
		ByteBuffer bytes = ByteBuffer.allocate(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
						|| Character.digit(text.charAt(i + 2), 16) < 0) {
					return null;
				}
				bytes.put((byte) Integer.parseInt(text, i + 1, i + 3, 16));
				i += 2;
			}
			else if (c > 0x7F) {
				return null;
			}
			else {
				bytes.put((byte) ((c == '+') ? ' ' : c));
			}
		}
		bytes.flip();
		try {
			String decoded = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
			return decoded.chars().anyMatch(Character::isISOControl) ? null : decoded;
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
