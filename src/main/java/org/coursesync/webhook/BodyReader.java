package org.coursesync.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a sync body through its signatures as it streams, within the {@link BodyBudget}:
 * a declared length is taken from the budget at once, a body without one chunk by chunk
 * as it arrives, and the read stops as soon as it passes the size limit.
 */
final class BodyReader {

	/** Bytes read (and taken from the budget) at a time for a body without a length. */
	static final int CHUNK = 16 * 1024;

	private final BodyBudget budget;

	private final long limit;

	BodyReader(BodyBudget budget, long limit) {
		this.budget = budget;
		this.limit = limit;
	}

	/** What reading a body gave. */
	sealed interface Outcome {

	}

	/**
	 * The whole body; {@code held} bytes of the budget stay taken until
	 * {@link BodyBudget#release(int)}.
	 */
	record Body(byte[] bytes, int held) implements Outcome {
	}

	/** The body passed the size limit while streaming; nothing is held. */
	record TooLarge() implements Outcome {
	}

	/** The budget stayed spent for the whole wait; nothing is held. */
	record Busy() implements Outcome {
	}

	/**
	 * Reads the body of {@code declared} bytes (-1 when unknown, at most the limit),
	 * feeding {@code digests}.
	 */
	Outcome read(InputStream in, long declared, SignatureVerifier.Digests digests)
			throws IOException, InterruptedException {
		return (declared >= 0) ? readDeclared(in, (int) declared, digests) : readChunked(in, digests);
	}

	private Outcome readDeclared(InputStream in, int length, SignatureVerifier.Digests digests)
			throws IOException, InterruptedException {
		if (!this.budget.acquire(length)) {
			return new Busy();
		}
		boolean done = false;
		try {
			byte[] bytes = new byte[length];
			int at = 0;
			while (at < length) {
				int n = in.read(bytes, at, Math.min(CHUNK, length - at));
				if (n < 0) {
					break;
				}
				feed(digests, bytes, at, n);
				at += n;
			}
			done = true;
			return new Body((at == length) ? bytes : Arrays.copyOf(bytes, at), length);
		}
		finally {
			if (!done) {
				this.budget.release(length);
			}
		}
	}

	private Outcome readChunked(InputStream in, SignatureVerifier.Digests digests)
			throws IOException, InterruptedException {
		List<byte[]> chunks = new ArrayList<>();
		int held = 0;
		long total = 0;
		try {
			while (true) {
				if (!this.budget.acquire(CHUNK)) {
					return new Busy();
				}
				held += CHUNK;
				byte[] chunk = new byte[CHUNK];
				int n = in.readNBytes(chunk, 0, CHUNK);
				feed(digests, chunk, 0, n);
				total += n;
				if (total > this.limit) {
					return new TooLarge();
				}
				chunks.add(chunk);
				if (n < CHUNK) {
					break;
				}
			}
			// The contiguous copy the controller parses is taken from the budget too
			// before the chunks are given back.
			if (!this.budget.acquire((int) total)) {
				return new Busy();
			}
			byte[] bytes = join(chunks, (int) total);
			this.budget.release(held);
			held = 0;
			return new Body(bytes, (int) total);
		}
		finally {
			this.budget.release(held);
		}
	}

	private void feed(SignatureVerifier.Digests digests, byte[] bytes, int offset, int length) {
		if (length > 0) {
			digests.update(bytes, offset, length);
			this.budget.read(length);
		}
	}

	private static byte[] join(List<byte[]> chunks, int total) {
		byte[] bytes = new byte[total];
		int at = 0;
		for (byte[] chunk : chunks) {
			int n = Math.min(chunk.length, total - at);
			System.arraycopy(chunk, 0, bytes, at, n);
			at += n;
		}
		return bytes;
	}

}
