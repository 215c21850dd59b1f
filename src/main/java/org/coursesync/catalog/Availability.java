package org.coursesync.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Open edX course-discovery's availability of a run, from its dates and the current time.
 */
enum Availability {

	ARCHIVED("Archived"), CURRENT("Current"), STARTING_SOON("Starting Soon"), UPCOMING("Upcoming");

	/** How close a start must be for "Starting Soon". */
	static final Duration SOON = Duration.ofDays(60);

	private final String label;

	Availability(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

	/**
	 * The availability of a run at {@code now}: archived once ended, current once
	 * started.
	 */
	static Availability of(Instant start, Instant end, Instant now) {
		if (end != null && !end.isAfter(now)) {
			return ARCHIVED;
		}
		if (start != null && !start.isAfter(now)) {
			return CURRENT;
		}
		if (start != null && !start.isAfter(now.plus(SOON))) {
			return STARTING_SOON;
		}
		return UPCOMING;
	}

	static Optional<Availability> fromLabel(String label) {
		return Arrays.stream(values()).filter((value) -> value.label.equals(label)).findFirst();
	}

	/**
	 * The SQL condition selecting runs of this availability ({@code :now},
	 * {@code :soon}).
	 */
	String condition() {
		String notArchived = "(r.end_at IS NULL OR r.end_at > :now)";
		return switch (this) {
			case ARCHIVED -> "r.end_at IS NOT NULL AND r.end_at <= :now";
			case CURRENT -> notArchived + " AND r.start_at IS NOT NULL AND r.start_at <= :now";
			case STARTING_SOON -> notArchived + " AND r.start_at > :now AND r.start_at <= :soon";
			case UPCOMING -> notArchived + " AND (r.start_at IS NULL OR r.start_at > :soon)";
		};
	}

}
