package org.coursesync.sync;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.coursesync.course.SyncMode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sync metrics: items by outcome, LMS backend and sync mode; item latency (histogram);
 * the size of the history (a {@code count(*)} refreshed at most every 30 seconds); the
 * sizes of the groups of same-link updates; the failed items that an unreachable database
 * kept out of the history.
 */
@Component
class SyncMetrics {

	/** The tag value of an absent LMS backend or sync mode. */
	static final String NONE = "none";

	private static final Duration HISTORY_REFRESH = Duration.ofSeconds(30);

	private final MeterRegistry registry;

	private final JdbcTemplate jdbc;

	private final AtomicLong historySize = new AtomicLong();

	private volatile long historyReadAt = Long.MIN_VALUE;

	private final DistributionSummary groupSizes;

	private final Counter unrecordedFailures;

	SyncMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
		this.registry = registry;
		this.jdbc = jdbc;
		Gauge.builder("coursesync.sync.history.size", this, SyncMetrics::historySize)
			.description("Rows in the sync history")
			.register(registry);
		this.groupSizes = DistributionSummary.builder("coursesync.sync.update.group.size")
			.description("Updates of one link written together")
			.baseUnit("items")
			.register(registry);
		this.unrecordedFailures = Counter.builder("coursesync.sync.failures.unrecorded")
			.description("Failed sync items left out of the history because the database was unreachable")
			.register(registry);
	}

	/** A failed item not recorded in the history: the database was unreachable. */
	void unrecordedFailure() {
		this.unrecordedFailures.increment();
	}

	/** A group of {@code items} updates of one link written together. */
	void group(int items) {
		this.groupSizes.record(items);
	}

	/**
	 * An item applied in {@code nanos}; an item without a backend or a run is tagged
	 * {@value #NONE}.
	 */
	void item(ItemResult result, long nanos) {
		String outcome = result.outcome().wireName();
		Counter.builder("coursesync.sync.items")
			.description("Sync items by outcome, LMS backend and sync mode")
			.tag("outcome", outcome)
			.tag("lms_backend", result.lmsBackend().orElse(NONE))
			.tag("sync_mode", result.syncMode().map(SyncMode::wireName).orElse(NONE))
			.register(this.registry)
			.increment();
		Timer.builder("coursesync.sync.item.duration")
			.description("Time to apply one sync item, retries included")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry)
			.record(Duration.ofNanos(nanos));
	}

	private double historySize() {
		long now = System.nanoTime();
		if (now - this.historyReadAt > HISTORY_REFRESH.toNanos() || this.historyReadAt == Long.MIN_VALUE) {
			this.historyReadAt = now;
			try {
				Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_event", Long.class);
				this.historySize.set((count != null) ? count : 0);
			}
			catch (RuntimeException ex) {
				// Keep the last known value while the database is unavailable.
			}
		}
		return this.historySize.get();
	}

}
