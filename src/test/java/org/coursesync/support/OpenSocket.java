package org.coursesync.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A raw client connection that a test keeps open: writes bytes when it wants (slowly, or
 * never the rest) and then learns whether the server answered or closed it before the
 * test's hang guard ran out.
 */
public final class OpenSocket implements AutoCloseable {

	private final Socket socket;

	private OpenSocket(Socket socket) {
		this.socket = socket;
	}

	/** Connects to {@code port} on 127.0.0.1. */
	public static OpenSocket connect(int port) throws IOException {
		return connect("127.0.0.1", port);
	}

	/**
	 * Connects to {@code port} on 127.0.0.1 from the local address {@code from} (any of
	 * 127.0.0.0/8 on Linux), so that a server sees a different client address.
	 */
	public static OpenSocket connect(String from, int port) throws IOException {
		Socket socket = new Socket();
		socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
		socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		return new OpenSocket(socket);
	}

	/** Writes {@code text} (ISO-8859-1) at once. */
	public OpenSocket write(String text) throws IOException {
		return write(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	public OpenSocket write(byte[] bytes) throws IOException {
		this.socket.getOutputStream().write(bytes);
		this.socket.getOutputStream().flush();
		return this;
	}

	/**
	 * Reads until the server closes the connection or {@code guard} passes without it.
	 */
	public End awaitEnd(Duration guard) throws IOException {
		long deadline = System.nanoTime() + guard.toNanos();
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		InputStream in = this.socket.getInputStream();
		byte[] buffer = new byte[8192];
		while (true) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return new End(received.toString(StandardCharsets.ISO_8859_1), false);
			}
			this.socket.setSoTimeout((int) Math.max(1, Math.min(left / 1_000_000, 1000)));
			try {
				int n = in.read(buffer);
				if (n < 0) {
					return new End(received.toString(StandardCharsets.ISO_8859_1), true);
				}
				received.write(buffer, 0, n);
			}
			catch (SocketTimeoutException ex) {
				// keep waiting until the guard
			}
			catch (SocketException ex) {
				// reset by the server: closed too
				return new End(received.toString(StandardCharsets.ISO_8859_1), true);
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * What the server sent before the end, and whether the server closed the connection
	 * ({@code false}: the guard ran out first).
	 */
	public record End(String received, boolean closedByServer) {

		/** The status of the response, 0 when there was none. */
		public int status() {
			if (this.received.startsWith("HTTP/1.1 ") && this.received.length() >= 12) {
				return Integer.parseInt(this.received.substring(9, 12));
			}
			return 0;
		}

		/** The body of the response ("" when there was none). */
		public String body() {
			int split = this.received.indexOf("\r\n\r\n");
			return (split >= 0) ? this.received.substring(split + 4) : "";
		}

		/** The response's head (status line and headers). */
		public String head() {
			int split = this.received.indexOf("\r\n\r\n");
			return (split >= 0) ? this.received.substring(0, split) : this.received;
		}

	}

}
