package org.coursesync.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.coursesync.course.SyncMode;
import org.coursesync.synclog.SyncOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Items are counted by outcome, LMS backend and sync mode; an item without a backend or a
 * run is tagged {@code none}.
 */
class SyncMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final SyncMetrics metrics = new SyncMetrics(this.registry, null);

	@Test
	void tagsItemsByBackendAndSyncMode() {
		this.metrics.item(new ItemResult(SyncOutcome.UPDATED, Map.of(), Optional.of("https://lms.example"),
				Optional.of(SyncMode.SYNC_TO_DRAFT)), 1_000);
		assertThat(this.registry.get("coursesync.sync.items")
			.tag("outcome", "updated")
			.tag("lms_backend", "https://lms.example")
			.tag("sync_mode", "sync_to_draft")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void tagsAnItemWithoutBackendOrRunAsNone() {
		this.metrics.item(ItemResult.rejected(Map.of("resource_link", List.of("No LMS."))), 1_000);
		this.metrics.item(
				new ItemResult(SyncOutcome.REJECTED, Map.of(), Optional.of("https://lms.example"), Optional.empty()),
				1_000);
		assertThat(this.registry.get("coursesync.sync.items")
			.tag("outcome", "rejected")
			.tag("lms_backend", "none")
			.tag("sync_mode", "none")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("coursesync.sync.items")
			.tag("lms_backend", "https://lms.example")
			.tag("sync_mode", "none")
			.counter()
			.count()).isEqualTo(1);
	}

}
