package org.coursesync.webhook;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The bytes of sync bodies that all requests together may hold in memory. A request takes
 * its share before it reads (waiting a bounded time when the budget is spent) and gives
 * it back once answered, so memory spent on bodies stays bounded whatever the number of
 * concurrent requests.
 */
final class BodyBudget {

	private final Semaphore bytes;

	private final int capacity;

	private final long waitNanos;

	private final Counter read;

	BodyBudget(int capacity, Duration wait, MeterRegistry registry) {
		this.bytes = new Semaphore(capacity);
		this.capacity = capacity;
		this.waitNanos = wait.toNanos();
		Gauge.builder("coursesync.sync.body.memory.held", this, BodyBudget::held)
			.description("Bytes of sync bodies held in memory")
			.baseUnit("bytes")
			.register(registry);
		this.read = Counter.builder("coursesync.sync.body.read")
			.description("Bytes of sync bodies read (only after the Authorization header was checked)")
			.baseUnit("bytes")
			.register(registry);
	}

	/** Takes {@code count} bytes, waiting at most the configured time; false if none. */
	boolean acquire(int count) throws InterruptedException {
		return count <= this.capacity && this.bytes.tryAcquire(count, this.waitNanos, TimeUnit.NANOSECONDS);
	}

	/** Gives back {@code count} bytes taken with {@link #acquire(int)}. */
	void release(int count) {
		if (count > 0) {
			this.bytes.release(count);
		}
	}

	/** Counts bytes read from a request body. */
	void read(int count) {
		this.read.increment(count);
	}

	/** Bytes held now. */
	int held() {
		return this.capacity - this.bytes.availablePermits();
	}

}
