package org.coursesync.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP/1.1 connection over a plain socket, kept open between steps: send the head,
 * part of a body, read the answer while the body is still owed, then see whether the
 * server closes.
 */
public final class RawConnection implements Closeable {

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^Content-Length:\\s*(\\d+)\\s*$");

	private static final Pattern CHUNKED = Pattern.compile("(?im)^Transfer-Encoding:\\s*chunked\\s*$");

	private final Socket socket;

	private final InputStream in;

	/**
	 * Connects to {@code port}; every read waits at most {@code timeout} (hang guard).
	 */
	public RawConnection(int port, Duration timeout) throws IOException {
		this.socket = new Socket("localhost", port);
		this.socket.setSoTimeout((int) timeout.toMillis());
		this.in = this.socket.getInputStream();
	}

	/** Sends {@code bytes}; false when the server already closed or reset. */
	public boolean write(byte[] bytes) {
		try {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** Sends {@code text} as UTF-8. */
	public boolean write(String text) {
		return write(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads one response (head, then a body of its {@code Content-Length}), without
	 * waiting for the connection to close.
	 */
	public RawHttp.Response readResponse() throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = this.in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		String headText = head.toString(StandardCharsets.ISO_8859_1).strip();
		Matcher length = CONTENT_LENGTH.matcher(headText);
		byte[] body;
		if (length.find()) {
			body = this.in.readNBytes(Integer.parseInt(length.group(1)));
		}
		else if (CHUNKED.matcher(headText).find()) {
			body = readChunks();
		}
		else {
			body = new byte[0];
		}
		int status = (headText.startsWith("HTTP/1.1 ") && headText.length() >= 12)
				? Integer.parseInt(headText.substring(9, 12)) : 0;
		return new RawHttp.Response(status, headText, new String(body, StandardCharsets.UTF_8));
	}

	private byte[] readChunks() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			int size = Integer.parseInt(readLine().split(";")[0].strip(), 16);
			body.writeBytes(this.in.readNBytes(size));
			readLine();
			if (size == 0) {
				return body.toByteArray();
			}
		}
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b; (b = this.in.read()) >= 0 && b != '\n';) {
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Whether the server closes the connection (end of stream or reset) before the read
	 * timeout, reading nothing more.
	 */
	public boolean closedByServer() throws IOException {
		try {
			return this.in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (SocketException ex) {
			return true;
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
