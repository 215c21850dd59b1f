package org.coursesync.system;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: a valid incoming {@code X-Request-Id} (a proxy's) or a new
 * UUID. The id is in the MDC while the request runs (so in every log line), in the
 * {@code X-Request-Id} response header, and in admin problem bodies as
 * {@code request_id}. Headers only on the sync endpoint: its bodies stay Richie's.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	/** Response and request header. */
	public static final String HEADER = "X-Request-Id";

	/** MDC key, and the problem property. */
	public static final String KEY = "request_id";

	private static final String ATTRIBUTE = RequestIdFilter.class.getName();

	/** Safe in a header, a log line and JSON; long enough for a UUID or a trace id. */
	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private static final Logger logger = LoggerFactory.getLogger(RequestIdFilter.class);

	/** The id of {@code request}, or null outside a request this filter saw. */
	public static String of(ServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String id) ? id : null;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// The error page logs and answers for the same request: same id.
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String id = of(request);
		if (id == null) {
			id = idFor(request.getHeader(HEADER));
			request.setAttribute(ATTRIBUTE, id);
			response.setHeader(HEADER, id);
		}
		String previous = MDC.get(KEY);
		MDC.put(KEY, id);
		try {
			if (request.getHeader(HEADER) != null && !id.equals(request.getHeader(HEADER))) {
				// The refused value itself is not logged: it is the caller's text.
				logger.debug("Replaced an invalid X-Request-Id (1 to 64 of A-Z a-z 0-9 . _ : - expected)");
			}
			chain.doFilter(request, response);
		}
		finally {
			if (previous != null) {
				MDC.put(KEY, previous);
			}
			else {
				MDC.remove(KEY);
			}
		}
	}

	static String idFor(String incoming) {
		return (incoming != null && VALID.matcher(incoming).matches()) ? incoming : UUID.randomUUID().toString();
	}

}
