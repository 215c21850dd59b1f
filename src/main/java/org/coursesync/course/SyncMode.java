package org.coursesync.course;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a course run reacts to a sync: Richie's {@code CourseRunSyncMode}, with its wire
 * names.
 */
public enum SyncMode {

	MANUAL("manual"), SYNC_TO_DRAFT("sync_to_draft"), SYNC_TO_PUBLIC("sync_to_public");

	private final String wireName;

	SyncMode(String wireName) {
		this.wireName = wireName;
	}

	/** The name used in JSON, configuration and the database. */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * The mode named {@code value} on the wire, if any (exact, case-sensitive, as
	 * Richie).
	 */
	public static Optional<SyncMode> fromWireName(String value) {
		return Arrays.stream(values()).filter((mode) -> mode.wireName.equals(value)).findFirst();
	}

	@Override
	public String toString() {
		return this.wireName;
	}

}
