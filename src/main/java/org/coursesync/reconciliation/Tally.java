package org.coursesync.reconciliation;

import java.util.ArrayList;
import java.util.List;

/** The counters and lists of one running reconciliation. */
final class Tally {

	/** The longest list a report keeps (its total counts them all). */
	static final int MAX_LISTED = 1_000;

	int coursesSeen;

	int updated;

	int unchanged;

	int skippedNewer;

	int rejected;

	/** Whether the listing may lack courses ({@code listing: partial}). */
	boolean partial;

	final Capped notInCatalog = new Capped();

	final Capped missingInLms = new Capped();

	/** A list kept up to {@link #MAX_LISTED} entries, with the count of all. */
	static final class Capped {

		private final List<String> kept = new ArrayList<>();

		private int total;

		void add(String value) {
			this.total++;
			if (this.kept.size() < MAX_LISTED) {
				this.kept.add(value);
			}
		}

		List<String> kept() {
			return this.kept;
		}

		int total() {
			return this.total;
		}

	}

}
