package org.coursesync.webhook;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The response of a verified sync request on its way to the controller: an error sent
 * with {@code sendError} (by Spring MVC, the firewall...) is answered here in the sync
 * endpoint's {@code {"detail": ...}} shape instead of going to the container's error
 * page, which belongs to the admin side and requires its login.
 */
final class SyncErrorResponse extends HttpServletResponseWrapper {

	static final String SERVER_ERROR = "A server error occurred.";

	private final HttpServletRequest request;

	private final SyncRejections rejections;

	SyncErrorResponse(HttpServletRequest request, HttpServletResponse response, SyncRejections rejections) {
		super(response);
		this.request = request;
		this.rejections = rejections;
	}

	@Override
	public void sendError(int status, String message) throws IOException {
		sendError(status);
	}

	@Override
	public void sendError(int status) throws IOException {
		if (isCommitted()) {
			throw new IllegalStateException("The response is already committed");
		}
		resetBuffer();
		RejectionReason reason = (status >= 500) ? RejectionReason.SERVER_ERROR : RejectionReason.OTHER;
		this.rejections.writeDetail(this.request, (HttpServletResponse) getResponse(), status, detail(status), reason);
		flushBuffer();
	}

	/** DRF's default details. */
	private static String detail(int status) {
		if (status >= 500) {
			return SERVER_ERROR;
		}
		return switch (status) {
			case 400 -> "Malformed request.";
			case 401 -> "Incorrect authentication credentials.";
			case 403 -> "You do not have permission to perform this action.";
			case 404 -> "Not found.";
			default -> "The request could not be processed.";
		};
	}

}
