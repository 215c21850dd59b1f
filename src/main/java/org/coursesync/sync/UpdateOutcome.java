package org.coursesync.sync;

/**
 * What a group of same-link updates did with one of its items.
 */
sealed interface UpdateOutcome {

	/** Written with the group: the item's result. */
	record Written(ItemResult result) implements UpdateOutcome {
	}

	/**
	 * The link has no run: the item creates it, on the transactional path, which need not
	 * read the link again.
	 */
	record NoRun() implements UpdateOutcome {
	}

	/**
	 * The item takes the transactional path alone: a manual run, a rejection to record, a
	 * public copy to create, or a group that failed in a way that may be one item's.
	 */
	record Alone() implements UpdateOutcome {
	}

}
