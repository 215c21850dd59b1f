package org.coursesync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.coursesync.course.CourseRun;
import org.coursesync.course.PublicCourseRun;
import org.coursesync.course.RunData;
import org.coursesync.course.RunField;
import org.coursesync.course.RunPublication;
import org.coursesync.course.SyncMode;
import org.coursesync.lms.LmsBackend;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.richie.RunValidation;
import org.coursesync.synclog.FieldChange;
import org.coursesync.synclog.SyncOutcome;
import org.coursesync.synclog.SyncRecord;
import org.coursesync.synclog.SyncSource;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Richie's rules for updating an existing run, in memory, the same on every database and
 * path: which fields a sync may write, what changed (the history's before and after
 * values), the public copy of a {@code sync_to_public} run, and whether the course gets
 * unpublished changes. Writes nothing: the paths write what these rules decided.
 */
@Component
class SyncRules {

	private final RunPayloadValidator validator;

	private final Clock clock;

	SyncRules(RunPayloadValidator validator, Clock clock) {
		this.validator = validator;
		this.clock = clock;
	}

	/**
	 * Validates {@code data} as an update of an existing run (the partial validation):
	 * empty when a field is invalid, which the item's full validation would refuse too.
	 */
	Optional<Map<RunField, Object>> updateValues(ObjectNode data) {
		RunValidation validation = this.validator.validate(data, true);
		return validation.isValid() ? Optional.of(validation.values()) : Optional.empty();
	}

	/**
	 * Plans a group of updates of one link ({@code items}, valid, in arrival order, each
	 * applied after the one before it) on {@code found}, the link's run as read. When the
	 * link has no run, the run is manual or a public copy must be created, the items are
	 * left to the transactional path.
	 */
	GroupPlan plan(Optional<StoredRun> found, LmsBackend lms, List<PendingUpdate> items) {
		if (found.isEmpty()) {
			return GroupPlan.all(items.size(), new UpdateOutcome.NoRun());
		}
		CourseRun run = found.get().run();
		PublicCourseRun publicCopy = found.get().publicCopy();
		SyncMode mode = run.getSyncMode();
		if (mode == SyncMode.MANUAL || (mode == SyncMode.SYNC_TO_PUBLIC && publicCopy == null)) {
			return GroupPlan.all(items.size(), new UpdateOutcome.Alone());
		}
		Instant now = this.clock.instant();
		List<UpdateOutcome> outcomes = new ArrayList<>(items.size());
		List<SyncRecord> records = new ArrayList<>(items.size());
		Set<RunField> runFields = EnumSet.noneOf(RunField.class);
		Set<RunField> copyFields = EnumSet.noneOf(RunField.class);
		long runWrites = 0;
		boolean courseDirty = false;
		for (PendingUpdate item : items) {
			AppliedUpdate applied = applyUpdate(run, publicCopy, item.values(), lms, now);
			runFields.addAll(applied.changes().keySet());
			copyFields.addAll(applied.copyFields());
			runWrites += applied.changes().isEmpty() ? 0 : 1;
			courseDirty |= applied.courseDirty();
			SyncOutcome outcome = applied.outcome();
			records.add(record(run, lms, outcome, SyncSource.webhook(item.secretIndex()), found.get().courseCode(),
					applied.changes()));
			outcomes.add(new UpdateOutcome.Written(ItemResult.accepted(outcome, lms, mode)));
		}
		Optional<GroupWrite> write = records.isEmpty() ? Optional.empty() : Optional
			.of(new GroupWrite(run, runFields, runWrites, publicCopy, copyFields, courseDirty, now, records));
		return new GroupPlan(outcomes, write);
	}

	/**
	 * Richie's update of an existing, non-manual run, in memory: the writable values go
	 * into the draft and, for {@code sync_to_public}, into its public copy (when it has
	 * one); a {@code sync_to_draft} update tells whether the course now has unpublished
	 * changes.
	 */
	AppliedUpdate applyUpdate(CourseRun run, PublicCourseRun publicCopy, Map<RunField, Object> values, LmsBackend lms,
			Instant now) {
		Map<RunField, Object> writable = new EnumMap<>(values);
		writable.keySet().removeAll(lms.noUpdateFields());
		Map<RunField, FieldChange> changes = write(run, writable, now);
		if (run.getSyncMode() == SyncMode.SYNC_TO_PUBLIC) {
			Set<RunField> copyFields = (publicCopy != null) ? write(publicCopy, writable, now).keySet() : Set.of();
			return new AppliedUpdate(changes, copyFields, false);
		}
		return new AppliedUpdate(changes, Set.of(), RunPublication.isDirty(run, publicCopy));
	}

	/**
	 * What {@link #applyUpdate} did: the draft's changes (for the history), the public
	 * copy's changed fields, and whether the course must be marked as having unpublished
	 * changes.
	 */
	record AppliedUpdate(Map<RunField, FieldChange> changes, Set<RunField> copyFields, boolean courseDirty) {

		/** {@code unchanged} when no stored value of the run or its copy changed. */
		SyncOutcome outcome() {
			return (this.changes.isEmpty() && this.copyFields.isEmpty()) ? SyncOutcome.UNCHANGED : SyncOutcome.UPDATED;
		}

	}

	/**
	 * Writes {@code values} into {@code run}; returns the fields that changed, in field
	 * order, with the values they replaced.
	 */
	static Map<RunField, FieldChange> write(RunData run, Map<RunField, Object> values, Instant now) {
		Map<RunField, FieldChange> changes = new EnumMap<>(RunField.class);
		values.forEach((field, value) -> {
			if (!run.holds(field, value)) {
				changes.put(field, new FieldChange(run.get(field), value));
				run.set(field, value);
			}
		});
		if (!changes.isEmpty()) {
			run.setUpdatedAt(now);
		}
		return changes;
	}

	/** The history row of an item from {@code source} accepted for {@code run}. */
	static SyncRecord record(CourseRun run, LmsBackend lms, SyncOutcome outcome, SyncSource source, String courseCode,
			Map<RunField, FieldChange> changes) {
		return new SyncRecord(run.getResourceLink(), lms.baseUrl(), outcome, source, courseCode, run.getId(),
				run.getSyncMode(), changes, Map.of());
	}

	/**
	 * An update waiting for its group: its valid values and the secret that signed it.
	 */
	record PendingUpdate(Map<RunField, Object> values, int secretIndex) {
	}

}
