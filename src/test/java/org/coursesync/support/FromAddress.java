package org.coursesync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One HTTP/1.0 request sent from a chosen local address (any of 127.0.0.0/8), so that the
 * server sees another client address than 127.0.0.1 (Java 17's HttpClient cannot choose
 * its source address).
 */
public final class FromAddress {

	private FromAddress() {
	}

	/** A response: status, head and body as received. */
	public record Response(int status, String head, String body) {

		/** The first value of header {@code name}, if any. */
		public Optional<String> header(String name) {
			return Arrays.stream(this.head.split("\r\n"))
				.filter((line) -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
				.map((line) -> line.substring(name.length() + 1).strip())
				.findFirst();
		}

	}

	/**
	 * Sends {@code method target} with the header lines {@code headers} (such as
	 * {@code "Accept: application/json"}) and {@code body} (null for none) to 127.0.0.1:
	 * {@code port}, from {@code from}; reads until the server closes.
	 */
	public static Response send(String from, int port, String method, String target, String body, String... headers) {
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\nHost: localhost:" + port + "\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Length: ").append(bytes.length).append("\r\n");
		}
		head.append("\r\n");
		try (OpenSocket socket = OpenSocket.connect(from, port)) {
			// A hang guard far above the time of one request on a loaded build machine.
			OpenSocket.End end = socket.write(head.toString()).write(bytes).awaitEnd(Duration.ofSeconds(120));
			return new Response(end.status(), end.head(), end.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
