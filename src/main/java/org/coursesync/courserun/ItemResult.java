package org.coursesync.courserun;

import java.util.List;
import java.util.Map;

import org.coursesync.synclog.SyncOutcome;

/**
 * The result of one sync item: success, or the field errors Richie would answer with.
 *
 * @param outcome what happened
 * @param errors field errors of a rejected item (empty otherwise)
 */
public record ItemResult(SyncOutcome outcome, Map<String, List<String>> errors) {

	static ItemResult rejected(Map<String, List<String>> errors) {
		return new ItemResult(SyncOutcome.REJECTED, errors);
	}

	/** Whether the item was accepted. */
	public boolean isSuccess() {
		return this.outcome != SyncOutcome.REJECTED;
	}

}
