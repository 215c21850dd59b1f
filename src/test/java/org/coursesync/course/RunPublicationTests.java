package org.coursesync.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Richie's {@code mark_course_dirty}: when a draft change leaves unpublished changes.
 */
class RunPublicationTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static CourseRun draft(boolean scheduled) {
		CourseRun run = new CourseRun(UUID.randomUUID(), UUID.randomUUID(), NOW);
		run.setSyncMode(SyncMode.SYNC_TO_DRAFT);
		run.set(RunField.PRICE_CURRENCY, "EUR");
		if (scheduled) {
			run.set(RunField.START, NOW);
			run.set(RunField.ENROLLMENT_START, NOW);
		}
		return run;
	}

	@Test
	void withoutPublicCopyDirtyIffScheduled() {
		assertThat(RunPublication.isDirty(draft(true), null)).isTrue();
		assertThat(RunPublication.isDirty(draft(false), null)).isFalse();
		CourseRun onlyStart = draft(false);
		onlyStart.set(RunField.START, NOW);
		assertThat(RunPublication.isDirty(onlyStart, null)).isFalse();
	}

	@Test
	void withPublicCopyDirtyIffVisibleAndDifferent() {
		CourseRun run = draft(true);
		PublicCourseRun copy = new PublicCourseRun(run, NOW);
		assertThat(RunPublication.isDirty(run, copy)).isFalse();
		run.set(RunField.ENROLLMENT_COUNT, 5);
		assertThat(RunPublication.isDirty(run, copy)).isTrue();
	}

	@Test
	void unscheduledOnBothSidesIsNeverDirty() {
		CourseRun run = draft(false);
		PublicCourseRun copy = new PublicCourseRun(run, NOW);
		run.set(RunField.ENROLLMENT_COUNT, 5);
		assertThat(RunPublication.isDirty(run, copy)).isFalse();
	}

	@Test
	void comparesSyncModeAndDisplayModeToo() {
		CourseRun run = draft(true);
		PublicCourseRun copy = new PublicCourseRun(run, NOW);
		run.setDisplayMode("compact");
		assertThat(RunPublication.differ(run, copy)).isTrue();
		run.setDisplayMode(copy.getDisplayMode());
		run.setSyncMode(SyncMode.MANUAL);
		assertThat(RunPublication.differ(run, copy)).isTrue();
	}

	@Test
	void comparesDecimalsByValue() {
		CourseRun run = draft(true);
		run.set(RunField.PRICE, new BigDecimal("10.00"));
		PublicCourseRun copy = new PublicCourseRun(run, NOW);
		run.set(RunField.PRICE, new BigDecimal("10.0"));
		assertThat(RunPublication.differ(run, copy)).isFalse();
	}

}
