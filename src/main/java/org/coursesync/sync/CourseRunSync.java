package org.coursesync.sync;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.coursesync.course.RunField;
import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsRegistry;
import org.coursesync.synclog.SyncOutcome;
import org.coursesync.synclog.SyncRecord;
import org.coursesync.system.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Richie's {@code sync_course_run}, one item at a time, with one set of rules on every
 * database. The updates of an existing run go in groups: those of one link that arrive
 * together are planned by {@link SyncRules} and written all or nothing by the
 * {@link RunUpdates} chosen at start-up (one statement on PostgreSQL, one JPA transaction
 * elsewhere). What a group leaves alone (a creation, a manual run, a rejection, a first
 * public copy) takes {@link TransactionalSync}, one item and one transaction at a time
 * per link. Each item is atomic (its runs, its course's flag and its history row commit
 * together) and retried when it lost a race (unique violation, lock conflict, changed
 * version): a lost race is never an error.
 */
@Service
public class CourseRunSync {

	static final String FAILED = "The catalog database could not store this item; nothing of it was kept: send it again.";

	private static final Logger logger = LoggerFactory.getLogger(CourseRunSync.class);

	/** The most updates of one link written together. */
	private static final int MAX_GROUP = 64;

	private final LmsRegistry lmsRegistry;

	private final SyncRules rules;

	private final RunUpdates updates;

	private final TransactionalSync transactional;

	private final SyncMetrics metrics;

	private final RetryTemplate retry = DatabaseFailures.retryTemplate();

	private final LinkGroups<SyncRules.PendingUpdate, UpdateOutcome> linkGroups = new LinkGroups<>(MAX_GROUP);

	/**
	 * The transactional items of one link, one at a time in this instance: those queued
	 * wait here, without a pooled connection, instead of each holding one while it waits
	 * for the run's row lock (which would starve the pool during a burst on one link).
	 */
	private final LinkGroups<AloneItem, ItemResult> oneAtATime = new LinkGroups<>(1);

	/** Warnings of failed items: a burst of them (an outage) logs one a minute. */
	private final ThrottledWarnings warnings = new ThrottledWarnings(Duration.ofMinutes(1));

	CourseRunSync(LmsRegistry lmsRegistry, SyncRules rules, JpaRunUpdates jpaUpdates,
			PostgresRunUpdates postgresUpdates, TransactionalSync transactional, SyncMetrics metrics) {
		this.lmsRegistry = lmsRegistry;
		this.rules = rules;
		this.updates = postgresUpdates.isAvailable() ? postgresUpdates : jpaUpdates;
		this.transactional = transactional;
		this.metrics = metrics;
	}

	/**
	 * Applies one item whose {@code resource_link} is a non-blank string, atomically, and
	 * records it in the history.
	 */
	public ItemResult sync(ObjectNode data, int secretIndex) {
		String link = data.get("resource_link").asString().strip();
		long started = System.nanoTime();
		ItemResult result;
		try {
			result = this.retry.invoke(() -> {
				UpdateOutcome outcome = updateTogether(data, link, secretIndex);
				if (outcome instanceof UpdateOutcome.Written written) {
					return written.result();
				}
				// A run created meanwhile by another request makes a creation fail on the
				// unique link: a lost race, retried from the start.
				return alone(new AloneItem(data, link, secretIndex, outcome instanceof UpdateOutcome.NoRun));
			});
		}
		catch (RuntimeException ex) {
			if (DatabaseFailures.isLockTimeout(ex)) {
				throw new RunLocked(ex);
			}
			throw ex;
		}
		this.metrics.item(result, System.nanoTime() - started);
		return result;
	}

	/**
	 * A reconciliation's partial update of the draft run {@code runId}, applied only if
	 * the run is still at {@code version} (the version read before the LMS was listed),
	 * so that a webhook written since is never overwritten with older values. Every sync
	 * rule applies, as for a webhook update; only differences are written, with a history
	 * row whose source is the reconciliation. Empty when the run changed (or was deleted)
	 * since; otherwise {@code updated}, {@code unchanged} (equal, or a manual run: no
	 * row) or {@code rejected} (a value the rules refuse: a rejected row).
	 */
	public Optional<SyncOutcome> reconcile(UUID runId, long version, ObjectNode data, LmsBackend lms) {
		return this.transactional.reconcile(runId, version, data, lms);
	}

	/** How many updates of {@code link} wait for the group in progress to end. */
	int waitingUpdates(String link) {
		return this.linkGroups.waiting(link);
	}

	/**
	 * Records an item whose transaction failed (and rolled back whole) for a reason other
	 * than its content; best effort, since the database may be what failed. When the
	 * database is unreachable the failure is not recorded (that would wait for the pool a
	 * second time, for the same answer): it is counted and logged once in a while.
	 */
	public ItemResult recordFailed(String link, int secretIndex, RuntimeException cause) {
		Map<String, List<String>> errors = Map.of("detail", List.of(FAILED));
		if (DatabaseFailures.isUnreachable(cause)) {
			this.metrics.unrecordedFailure();
			this.warnings.warn(logger, "Sync items fail: the database is unreachable; their failures are not "
					+ "recorded in the history ({})", cause.getClass().getSimpleName());
			return ItemResult.rejected(errors);
		}
		if (DatabaseFailures.isTransient(cause)) {
			this.warnings.warn(logger, "A sync item failed and was rolled back: {}", cause.getClass().getSimpleName());
		}
		else {
			logger.error("Sync item failed and was rolled back: {}", cause.getClass().getSimpleName());
		}
		try {
			this.transactional.record(SyncRecord.rejected(link, null, secretIndex, errors));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the failed item either: {}", ex.getClass().getSimpleName());
		}
		return ItemResult.rejected(errors);
	}

	/** Records a request-level rejection (nothing else is written). */
	public void recordRejected(String link, int secretIndex, Map<String, List<String>> errors) {
		this.transactional.record(SyncRecord.rejected(link, null, secretIndex, errors));
	}

	/**
	 * The item as an update of an existing run, together with the updates of the same
	 * link that arrived meanwhile ({@link LinkGroups}); or what it needs instead.
	 */
	private UpdateOutcome updateTogether(ObjectNode data, String link, int secretIndex) {
		Optional<LmsBackend> selected = this.lmsRegistry.select(link);
		if (selected.isEmpty()) {
			// Rejected, and recorded, by the transactional path.
			return new UpdateOutcome.Alone();
		}
		LmsBackend lms = selected.get();
		lms.cleanData(data);
		Optional<Map<RunField, Object>> values = this.rules.updateValues(data);
		if (values.isEmpty()) {
			// Refused whether or not the run exists: rejected, and recorded, alone.
			return new UpdateOutcome.Alone();
		}
		return this.linkGroups.run(link, new SyncRules.PendingUpdate(values.get(), secretIndex),
				(items) -> updateTogether(link, lms, items));
	}

	/**
	 * Writes {@code items} (updates of {@code link}, in arrival order) as one group. A
	 * group whose failure may be one item's (not a lost race, not an unreachable
	 * database) leaves each item to the transactional path, so that an item never fails
	 * for another's sake.
	 */
	private List<UpdateOutcome> updateTogether(String link, LmsBackend lms, List<SyncRules.PendingUpdate> items) {
		List<UpdateOutcome> outcomes;
		try {
			outcomes = this.updates.update(link, (found) -> this.rules.plan(found, lms, items));
		}
		catch (DataAccessException ex) {
			if (items.size() == 1 || !mayBeOneItemsFault(ex)) {
				throw ex;
			}
			logger.debug("A group of {} updates failed; applying them one by one: {}", items.size(),
					ex.getClass().getSimpleName());
			return Collections.nCopies(items.size(), new UpdateOutcome.Alone());
		}
		long written = outcomes.stream().filter(UpdateOutcome.Written.class::isInstance).count();
		if (written > 0) {
			this.metrics.group((int) written);
		}
		return outcomes;
	}

	/**
	 * Whether a group's write may have failed because of one of its items: not when it
	 * lost a race (each item is retried from its read) or the database is unreachable
	 * (each item would fail alone too).
	 */
	private static boolean mayBeOneItemsFault(DataAccessException failure) {
		// A lost race (ConcurrencyFailureException) is one of the transient failures.
		return !(DatabaseFailures.isLockTimeout(failure) || DatabaseFailures.isUnreachable(failure)
				|| DatabaseFailures.isTransient(failure));
	}

	/** The transactional path for one item, one item of a link at a time. */
	private ItemResult alone(AloneItem item) {
		return this.oneAtATime.run(item.link(), item, (items) -> List.of(this.transactional.apply(items.get(0).data(),
				items.get(0).link(), items.get(0).secretIndex(), items.get(0).knownAbsent())));
	}

	/**
	 * An item for the transactional path; {@code knownAbsent} when its group has just
	 * read that the link has no run.
	 */
	private record AloneItem(ObjectNode data, String link, int secretIndex, boolean knownAbsent) {
	}

}
