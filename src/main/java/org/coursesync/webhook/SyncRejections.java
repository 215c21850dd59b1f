package org.coursesync.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.coursesync.system.ErrorJson;

import org.springframework.http.MediaType;

/**
 * The sync endpoint's refusals: writes its own error responses (compact JSON, as DRF),
 * counts every refusal by status and reason, logs it (at most once per interval per
 * reason and sender address, see {@link RejectionLog}) and names the reason in the
 * {@value #HEADER} response header. The body stays Richie's; an unauthenticated refusal
 * writes nothing to the database.
 */
public class SyncRejections {

	/** The response header that names the reason of a refusal. */
	public static final String HEADER = "X-Coursesync-Rejection";

	private final MeterRegistry meterRegistry;

	private final RejectionLog log;

	public SyncRejections(MeterRegistry meterRegistry, Clock clock, Duration logInterval) {
		this.meterRegistry = meterRegistry;
		this.log = new RejectionLog(clock, logInterval);
	}

	/**
	 * Counts and logs a refusal whose body the caller writes (the sync controller's
	 * refusals of signed requests), and sets the {@value #HEADER} header.
	 */
	public void refused(HttpServletRequest request, HttpServletResponse response, int status, RejectionReason reason) {
		Counter.builder("coursesync.sync.rejected.requests")
			.description("Sync requests refused before any item was applied, by HTTP status and reason")
			.tag("status", Integer.toString(status))
			.tag("reason", reason.wireName())
			.register(this.meterRegistry)
			.increment();
		this.log.refused(reason, status, request.getRemoteAddr());
		response.setHeader(HEADER, reason.wireName());
	}

	void write(HttpServletRequest request, HttpServletResponse response, int status, Rejection rejection,
			RejectionReason reason) throws IOException {
		write(request, response, status, rejection.body().getBytes(StandardCharsets.UTF_8), reason);
	}

	void writeDetail(HttpServletRequest request, HttpServletResponse response, int status, String detail,
			RejectionReason reason) throws IOException {
		write(request, response, status, ErrorJson.detail(detail).getBytes(StandardCharsets.UTF_8), reason);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, int status, byte[] body,
			RejectionReason reason) throws IOException {
		refused(request, response, status, reason);
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
