package org.coursesync.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for requests no client library would send (bad paths,
 * non-ASCII headers, lying lengths).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * A response: status code (0 when the server closed without answering) and raw body.
	 */
	public record Response(int status, String head, String body) {
	}

	/**
	 * A GET of {@code target} exactly as written (no client-side encoding or validation),
	 * with the given extra header lines such as {@code "Authorization: Basic ..."}.
	 */
	public static Response get(int port, String target, String... headers) throws IOException {
		StringBuilder head = new StringBuilder(
				"GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		return send(port, head.toString().getBytes(StandardCharsets.UTF_8), new byte[0]);
	}

	/**
	 * Sends {@code head} (request line and headers, without the final blank line) then
	 * {@code body}, and reads until the server closes.
	 */
	public static Response send(int port, byte[] head, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(15000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head);
				out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer (413, 400) and close before reading everything.
			}
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n; (n = in.read(buffer)) >= 0;) {
					received.write(buffer, 0, n);
				}
			}
			catch (SocketTimeoutException | SocketException ex) {
				// keep what was read
			}
			String text = received.toString(StandardCharsets.ISO_8859_1);
			int split = text.indexOf("\r\n\r\n");
			String headPart = (split >= 0) ? text.substring(0, split) : text;
			String bodyPart = (split >= 0) ? text.substring(split + 4) : "";
			int status = 0;
			if (headPart.startsWith("HTTP/1.1 ") && headPart.length() >= 12) {
				status = Integer.parseInt(headPart.substring(9, 12));
			}
			return new Response(status, headPart, bodyPart);
		}
	}

}
