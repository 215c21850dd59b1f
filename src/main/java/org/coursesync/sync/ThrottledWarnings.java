package org.coursesync.sync;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Warnings of a condition that repeats with every request while it lasts (an outage, a
 * held lock): the first is logged, then at most one per interval, saying how many were
 * left out, so that the log shows the condition without one line per request.
 */
final class ThrottledWarnings {

	private final long intervalNanos;

	private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong skipped = new AtomicLong();

	ThrottledWarnings(Duration interval) {
		this.intervalNanos = interval.toNanos();
	}

	/** Logs {@code message} at WARN unless one was logged within the interval. */
	void warn(Logger logger, String message, Object argument) {
		long now = System.nanoTime();
		long next = this.nextAt.get();
		if ((next != Long.MIN_VALUE && now - next < 0) || !this.nextAt.compareAndSet(next, now + this.intervalNanos)) {
			this.skipped.incrementAndGet();
			return;
		}
		long left = this.skipped.getAndSet(0);
		if (left > 0) {
			logger.warn(message + " ({} more since the last such warning)", argument, left);
		}
		else {
			logger.warn(message, argument);
		}
	}

}
