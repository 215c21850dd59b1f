package org.coursesync.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for a condition that another thread makes true. */
public final class Poll {

	private Poll() {
	}

	/**
	 * Returns once {@code condition} holds; fails naming {@code what} after
	 * {@code timeout}.
	 */
	public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
			}
			Thread.sleep(5);
		}
	}

}
