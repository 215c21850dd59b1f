package org.coursesync.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.coursesync.course.SyncMode;
import org.coursesync.lms.LmsBackend;
import org.coursesync.synclog.SyncOutcome;

/**
 * The result of one sync item: success, or the field errors Richie would answer with.
 *
 * @param outcome what happened
 * @param errors field errors of a rejected item (empty otherwise)
 * @param lmsBackend base URL of the selected LMS backend; empty when no backend matched
 * (or the item failed before one was selected)
 * @param syncMode sync mode of the run; empty when the item reached no run
 */
public record ItemResult(SyncOutcome outcome, Map<String, List<String>> errors, Optional<String> lmsBackend,
		Optional<SyncMode> syncMode) {

	static ItemResult rejected(Map<String, List<String>> errors) {
		return new ItemResult(SyncOutcome.REJECTED, errors, Optional.empty(), Optional.empty());
	}

	/** An item rejected by the rules of {@code lms} (if one was selected). */
	static ItemResult rejected(Map<String, List<String>> errors, Optional<LmsBackend> lms) {
		return new ItemResult(SyncOutcome.REJECTED, errors, lms.map(LmsBackend::baseUrl), Optional.empty());
	}

	/** An item accepted for a run in {@code mode}. */
	static ItemResult accepted(SyncOutcome outcome, LmsBackend lms, SyncMode mode) {
		return new ItemResult(outcome, Map.of(), Optional.of(lms.baseUrl()), Optional.of(mode));
	}

	/** Whether the item was accepted. */
	public boolean isSuccess() {
		return this.outcome != SyncOutcome.REJECTED;
	}

}
