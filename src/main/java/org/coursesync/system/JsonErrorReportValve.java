package org.coursesync.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's answer to a request it refuses before the application sees it (a malformed
 * request line or header, headers over the size limit, characters not allowed in a URI):
 * JSON instead of Tomcat's HTML page. Admin and actuator paths (when the request line
 * could be read) get an RFC 9457 problem like the rest of the admin API; every other path
 * gets {@code {"detail": "..."}}, the sync endpoint's shape. The texts are fixed: nothing
 * from the request is echoed.
 */
final class JsonErrorReportValve extends ErrorReportValve {

	static final String MALFORMED = "Malformed request: invalid request line, header or URI, or headers too large.";

	static final String SERVER_ERROR = "A server error occurred.";

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		if (status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
			// An unknown protocol version is the client's input: a 4xx, as for any
			// other request Tomcat cannot parse.
			status = HttpStatus.BAD_REQUEST.value();
			response.setStatus(status);
		}
		boolean problem = isAdminPath(request.getRequestURI());
		try {
			response
				.setContentType(problem ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Cache-Control", "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(problem ? problem(status) : ErrorJson.detail(detail(status)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response was committed meanwhile: nothing to
			// report to.
		}
	}

	private static String problem(int status) {
		return ErrorJson.problem(status, title(status), detail(status), null);
	}

	private static String detail(int status) {
		if (status == HttpStatus.BAD_REQUEST.value()) {
			return MALFORMED;
		}
		if (status >= 500) {
			return SERVER_ERROR;
		}
		return title(status) + ".";
	}

	private static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	private static boolean isAdminPath(String uri) {
		return uri != null && (uri.startsWith("/api/admin") || uri.startsWith("/actuator"));
	}

}
