package org.coursesync.synclog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coursesync.course.RunField;
import org.coursesync.course.SyncMode;

/**
 * What the sync service reports about one item, to be written to the history.
 *
 * @param resourceLink the trimmed link (null when the item had none)
 * @param lmsBackend base URL of the selected LMS backend, if any
 * @param outcome what happened
 * @param source what sent the item: a webhook request (and its secret) or a
 * reconciliation
 * @param courseCode normalized code of the run's course, if known
 * @param courseRunId the draft run, if any
 * @param syncMode the run's sync mode, if any
 * @param changes the fields the item changed, in field order (empty if none)
 * @param errors the field errors sent back, for a rejected item (empty otherwise)
 */
public record SyncRecord(String resourceLink, String lmsBackend, SyncOutcome outcome, SyncSource source,
		String courseCode, UUID courseRunId, SyncMode syncMode, Map<RunField, FieldChange> changes,
		Map<String, List<String>> errors) {

	/** A rejected webhook item. */
	public static SyncRecord rejected(String resourceLink, String lmsBackend, int secretIndex,
			Map<String, List<String>> errors) {
		return new SyncRecord(resourceLink, lmsBackend, SyncOutcome.REJECTED, SyncSource.webhook(secretIndex), null,
				null, null, Map.of(), errors);
	}

}
