package org.coursesync.synclog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sync item did: {@code created}, {@code updated}, {@code unchanged} (the run is
 * manual, or the item changed no stored value) or {@code rejected}.
 */
public enum SyncOutcome {

	CREATED, UPDATED, UNCHANGED, REJECTED;

	/** The lower-case name used in JSON, metrics and the database. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The outcome named {@code value}, if any. */
	public static Optional<SyncOutcome> fromWireName(String value) {
		return Arrays.stream(values()).filter((outcome) -> outcome.wireName().equals(value)).findFirst();
	}

}
