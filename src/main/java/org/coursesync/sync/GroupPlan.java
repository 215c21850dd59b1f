package org.coursesync.sync;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What the sync rules decided for a group of updates of one link, from the run as read:
 * one outcome per item, and the group's write.
 *
 * @param outcomes one per item, in the items' order
 * @param write what to write, when an item is written with the group
 */
record GroupPlan(List<UpdateOutcome> outcomes, Optional<GroupWrite> write) {

	/** The same {@code outcome} for each of {@code items} items, nothing written. */
	static GroupPlan all(int items, UpdateOutcome outcome) {
		return new GroupPlan(Collections.nCopies(items, outcome), Optional.empty());
	}

}
