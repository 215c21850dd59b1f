package org.coursesync.sync;

import java.util.List;
import java.util.Map;

import org.coursesync.course.SyncMode;
import org.coursesync.lms.LmsBackend;
import org.coursesync.synclog.SyncOutcome;

/**
 * The result of one sync item: success, or the field errors Richie would answer with.
 *
 * @param outcome what happened
 * @param errors field errors of a rejected item (empty otherwise)
 * @param lmsBackend base URL of the selected LMS backend, if any (for metrics)
 * @param syncMode sync mode of the run, if any (for metrics)
 */
public record ItemResult(SyncOutcome outcome, Map<String, List<String>> errors, String lmsBackend, String syncMode) {

	static ItemResult rejected(Map<String, List<String>> errors) {
		return new ItemResult(SyncOutcome.REJECTED, errors, null, null);
	}

	/** An item rejected by the rules of {@code lms} (if one was selected). */
	static ItemResult rejected(Map<String, List<String>> errors, LmsBackend lms) {
		return new ItemResult(SyncOutcome.REJECTED, errors, (lms != null) ? lms.baseUrl() : null, null);
	}

	/** An item accepted for a run in {@code mode}. */
	static ItemResult accepted(SyncOutcome outcome, LmsBackend lms, SyncMode mode) {
		return new ItemResult(outcome, Map.of(), lms.baseUrl(), mode.wireName());
	}

	/** Whether the item was accepted. */
	public boolean isSuccess() {
		return this.outcome != SyncOutcome.REJECTED;
	}

}
