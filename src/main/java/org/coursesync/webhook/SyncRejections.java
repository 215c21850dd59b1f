package org.coursesync.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.coursesync.system.ErrorJson;

import org.springframework.http.MediaType;

/**
 * Writes the sync endpoint's own error responses (compact JSON, as DRF) and counts them
 * by status, so that refused requests are visible in metrics without leaving a history
 * row.
 */
public class SyncRejections {

	private final MeterRegistry meterRegistry;

	public SyncRejections(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	void write(HttpServletResponse response, int status, Rejection rejection) throws IOException {
		write(response, status, rejection.body().getBytes(StandardCharsets.UTF_8));
	}

	void writeDetail(HttpServletResponse response, int status, String detail) throws IOException {
		write(response, status, ErrorJson.detail(detail).getBytes(StandardCharsets.UTF_8));
	}

	private void write(HttpServletResponse response, int status, byte[] body) throws IOException {
		Counter.builder("coursesync.sync.rejected.requests")
			.description("Sync requests refused before any item was applied, by HTTP status")
			.tag("status", Integer.toString(status))
			.register(this.meterRegistry)
			.increment();
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader("Cache-Control", "no-store");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
