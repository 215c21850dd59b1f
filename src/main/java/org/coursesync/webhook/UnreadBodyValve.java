package org.coursesync.webhook;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;

/**
 * Closes the connection as soon as the answer is sent when the sync filter refused a
 * request without reading its body and Tomcat would otherwise drain that body first (a
 * body without length, or one larger than {@code server.tomcat.max-swallow-size}, after
 * which Tomcat closes anyway): a client that declares a large body and never sends it
 * then holds no request thread. Tomcat does the same by itself after a 413.
 */
final class UnreadBodyValve extends ValveBase {

	/** Request attribute set by the sync filter when it answered without reading. */
	static final String ATTRIBUTE = UnreadBodyValve.class.getName();

	UnreadBodyValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		getNext().invoke(request, response);
		if (request.getAttribute(ATTRIBUTE) != null && wouldDrain(request)) {
			request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
		}
	}

	private static boolean wouldDrain(Request request) {
		long length = request.getContentLengthLong();
		if (length < 0) {
			return true;
		}
		int maxSwallow = (request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http)
				? http.getMaxSwallowSize() : -1;
		return maxSwallow >= 0 && length > maxSwallow;
	}

}
