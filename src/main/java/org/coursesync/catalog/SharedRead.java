package org.coursesync.catalog;

import java.util.function.LongSupplier;

/**
 * A read shared by concurrent callers, still exact: each caller gets the result of a read
 * that started after it called. Callers that arrive while a read runs wait for it to end
 * and share the next one, so that at most one read runs at a time however many callers
 * there are.
 */
final class SharedRead {

	private final LongSupplier read;

	private final Object lock = new Object();

	private boolean running;

	private Round waiting;

	SharedRead(LongSupplier read) {
		this.read = read;
	}

	private static final class Round {

		boolean done;

		long value;

		RuntimeException failure;

	}

	long read() {
		Round round;
		synchronized (this.lock) {
			if (this.waiting == null) {
				this.waiting = new Round();
			}
			round = this.waiting;
			while (this.running && !round.done) {
				await(this.lock);
			}
			if (round.done) {
				return result(round);
			}
			// This caller reads for its round; later callers form the next one.
			this.running = true;
			this.waiting = null;
		}
		try {
			long value = this.read.getAsLong();
			synchronized (this.lock) {
				round.value = value;
			}
		}
		catch (RuntimeException ex) {
			synchronized (this.lock) {
				round.failure = ex;
			}
		}
		finally {
			synchronized (this.lock) {
				round.done = true;
				this.running = false;
				this.lock.notifyAll();
			}
		}
		return result(round);
	}

	private long result(Round round) {
		synchronized (this.lock) {
			if (round.failure != null) {
				throw round.failure;
			}
			return round.value;
		}
	}

	private static void await(Object lock) {
		try {
			lock.wait();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a shared read", ex);
		}
	}

}
