package org.coursesync.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import org.coursesync.course.Course;
import org.coursesync.course.CourseRun;
import org.coursesync.course.CourseRuns;
import org.coursesync.course.PublicCourseRun;
import org.coursesync.course.RunData;
import org.coursesync.course.RunField;
import org.coursesync.course.RunPublication;
import org.coursesync.course.SyncMode;
import org.coursesync.lms.CourseCodeResult;
import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsRegistry;
import org.coursesync.richie.RichieProperties;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.richie.RunValidation;
import org.coursesync.synclog.SyncEvent;
import org.coursesync.synclog.SyncHistory;
import org.coursesync.synclog.SyncOutcome;
import org.coursesync.synclog.SyncRecord;
import org.coursesync.system.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Richie's {@code sync_course_run}, one item at a time: LMS selection, validation
 * (partial when the run exists), then the update or create path. Each item is atomic (its
 * runs, its course's dirty flag and its history row commit together), retried when it
 * lost a race to another instance (unique violation, lock conflict): a lost race is never
 * an error. On PostgreSQL, the updates of one link that arrive together are written by
 * one statement, all or nothing ({@link LinkGroups}, {@link PostgresRunUpdates}).
 */
@Service
public class CourseRunSync {

	static final String NO_LMS = "No LMS configuration found for this resource link.";

	static final String FAILED = "The catalog database could not store this item; nothing of it was kept: send it again.";

	private static final Logger logger = LoggerFactory.getLogger(CourseRunSync.class);

	/**
	 * Marks the outcome of {@link #updateInOneStatement} when the link has no run yet.
	 */
	private static final ItemResult NO_RUN = new ItemResult(SyncOutcome.REJECTED, Map.of(), null, null);

	static final String CREATION_DEACTIVATED = "Unknown course run when creation is deactivated.";

	private final LmsRegistry lmsRegistry;

	private final RunPayloadValidator validator;

	private final CourseRuns store;

	private final RunPublication publication;

	private final SyncHistory history;

	private final EntityManager entityManager;

	private final TransactionTemplate transaction;

	private final RetryTemplate retry;

	private final Clock clock;

	private final String defaultCurrency;

	private final SyncMetrics metrics;

	private final PostgresRunUpdates postgresUpdates;

	private static final int MAX_CACHED_CODES = 100_000;

	private final Map<UUID, String> courseCodes = new ConcurrentHashMap<>();

	/** The most updates of one link written by one statement. */
	private static final int MAX_GROUP = 64;

	private final LinkGroups<PendingUpdate, ItemResult> linkGroups = new LinkGroups<>(MAX_GROUP);

	/**
	 * The transactional items of one link, one at a time in this instance: those queued
	 * wait here, without a pooled connection, instead of each holding one while it waits
	 * for the run's row lock (which would starve the pool during a burst on one link).
	 */
	private final LinkGroups<Supplier<ItemResult>, ItemResult> oneAtATime = new LinkGroups<>(1);

	/** Warnings of failed items: a burst of them (an outage) logs one a minute. */
	private final ThrottledWarnings warnings = new ThrottledWarnings(Duration.ofMinutes(1));

	CourseRunSync(LmsRegistry lmsRegistry, RunPayloadValidator validator, CourseRuns store, RunPublication publication,
			SyncHistory history, EntityManager entityManager, PlatformTransactionManager transactionManager,
			Clock clock, RichieProperties properties, SyncMetrics metrics, PostgresRunUpdates postgresUpdates) {
		this.metrics = metrics;
		this.postgresUpdates = postgresUpdates;
		this.lmsRegistry = lmsRegistry;
		this.validator = validator;
		this.store = store;
		this.publication = publication;
		this.history = history;
		this.entityManager = entityManager;
		this.transaction = new TransactionTemplate(transactionManager);
		this.retry = DatabaseFailures.retryTemplate();
		this.clock = clock;
		this.defaultCurrency = properties.defaultPriceCurrency();
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
				ItemResult updated = updateInOneStatement(data, link, secretIndex);
				if (updated != null && updated != NO_RUN) {
					return updated;
				}
				// A run created meanwhile by another request makes the creation below
				// fail on the unique link: a lost race, retried from the start.
				boolean knownAbsent = (updated == NO_RUN);
				return this.oneAtATime.run(link,
						() -> this.transaction.execute((status) -> apply(data, link, secretIndex, knownAbsent)),
						CourseRunSync::runAlone);
			});
		}
		catch (RuntimeException ex) {
			if (DatabaseFailures.isLockTimeout(ex)) {
				throw new RunLocked(ex);
			}
			throw ex;
		}
		this.metrics.item(result.outcome().wireName(), result.lmsBackend(), result.syncMode(),
				System.nanoTime() - started);
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
		return this.transaction.execute((status) -> {
			CourseRun run = this.store.runForUpdate(runId).orElse(null);
			if (run == null || run.getVersion() != version) {
				return Optional.empty();
			}
			if (run.getSyncMode() == SyncMode.MANUAL) {
				return Optional.of(SyncOutcome.UNCHANGED);
			}
			RunValidation validation = this.validator.validate(data, true);
			String code = courseCode(run.getCourseId());
			if (!validation.isValid()) {
				this.history.recordReconciliation(new SyncRecord(run.getResourceLink(), lms.baseUrl(),
						SyncOutcome.REJECTED, -1, code, run.getId(), run.getSyncMode(), Map.of(), validation.errors()));
				return Optional.of(SyncOutcome.REJECTED);
			}
			PublicCourseRun copy = this.store.publicCopy(run.getId()).orElse(null);
			Instant now = this.clock.instant();
			AppliedUpdate applied = applyUpdate(run, copy, validation.values(), lms, now);
			if (applied.changes().isEmpty()) {
				return Optional.of(SyncOutcome.UNCHANGED);
			}
			if (applied.courseDirty()) {
				this.store.markUnpublishedChanges(run.getCourseId(), now);
			}
			this.history.recordReconciliation(updated(run, lms, SyncOutcome.UPDATED, -1, code, applied.changes()));
			return Optional.of(SyncOutcome.UPDATED);
		});
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
		if (isHandled(cause)) {
			this.warnings.warn(logger, "A sync item failed and was rolled back: {}", cause.getClass().getSimpleName());
		}
		else {
			logger.error("Sync item failed and was rolled back: {}", cause.getClass().getSimpleName());
		}
		try {
			this.transaction.executeWithoutResult(
					(status) -> this.history.record(SyncRecord.rejected(link, null, secretIndex, errors)));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the failed item either: {}", ex.getClass().getSimpleName());
		}
		return ItemResult.rejected(errors);
	}

	/**
	 * Whether {@code failure} is a condition the service answers for (a held lock, a lost
	 * connection, a race lost too often), not a defect: logged at WARN, not ERROR.
	 */
	private static boolean isHandled(RuntimeException failure) {
		return failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException
				|| failure instanceof RecoverableDataAccessException;
	}

	/** Records a request-level rejection (nothing else is written). */
	public void recordRejected(String link, int secretIndex, Map<String, List<String>> errors) {
		this.transaction.executeWithoutResult(
				(status) -> this.history.record(SyncRecord.rejected(link, null, secretIndex, errors)));
	}

	/**
	 * The transactional path; {@code knownAbsent} when {@link #updateInOneStatement} has
	 * just read that the link has no run (the read is not repeated).
	 */
	private ItemResult apply(ObjectNode data, String link, int secretIndex, boolean knownAbsent) {
		Optional<LmsBackend> selected = this.lmsRegistry.select(link);
		if (selected.isEmpty()) {
			return reject(link, null, secretIndex, "resource_link", NO_LMS);
		}
		LmsBackend lms = selected.get();
		lms.cleanData(data);
		// The run's row lock, taken by the read, orders this item after every write of
		// the
		// run that committed before it and before every later one: its history row
		// records
		// the values it replaced (the run's version is checked and advanced on the
		// write).
		CourseRun draft = knownAbsent ? null : this.store.runForUpdate(link).orElse(null);
		RunValidation validation = this.validator.validate(data, draft != null);
		if (!validation.isValid()) {
			return reject(link, lms, secretIndex, validation.errors());
		}
		if (draft == null) {
			return create(data, link, validation.values(), lms, secretIndex);
		}
		PublicCourseRun copy = this.store.publicCopy(draft.getId()).orElse(null);
		return update(draft, copy, validation.values(), lms, secretIndex);
	}

	/**
	 * The update of an existing run as one statement on PostgreSQL
	 * ({@link PostgresRunUpdates}), together with the updates of the same link that
	 * arrived meanwhile ({@link LinkGroups}); or {@code null} when the item takes the
	 * transactional path (another database, no LMS, a manual run, an invalid payload or a
	 * public copy to create), or {@link #NO_RUN} when it takes it to create the run.
	 */
	private ItemResult updateInOneStatement(ObjectNode data, String link, int secretIndex) {
		if (!this.postgresUpdates.isAvailable()) {
			return null;
		}
		Optional<LmsBackend> selected = this.lmsRegistry.select(link);
		if (selected.isEmpty()) {
			return null;
		}
		LmsBackend lms = selected.get();
		lms.cleanData(data);
		return this.linkGroups.run(link, new PendingUpdate(data, secretIndex),
				(items) -> updateTogether(link, lms, items));
	}

	private static List<ItemResult> runAlone(List<Supplier<ItemResult>> items) {
		return List.of(items.get(0).get());
	}

	/**
	 * An update waiting for its group: the cleaned payload and the secret that signed it.
	 */
	private record PendingUpdate(ObjectNode data, int secretIndex) {
	}

	/**
	 * Applies {@code items} (updates of {@code link}, in arrival order) one after the
	 * other in memory, then writes them in one statement: the run's final values and a
	 * history row per item, all or nothing. A group whose failure may be one item's (not
	 * a lost race, not an unreachable database) falls back to one item at a time, so that
	 * an item never fails for another's sake.
	 */
	private List<ItemResult> updateTogether(String link, LmsBackend lms, List<PendingUpdate> items) {
		try {
			try {
				return this.postgresUpdates
					.inOneConnection((connection) -> updateTogether(connection, link, lms, items, false));
			}
			catch (PostgresRunUpdates.RunChanged ex) {
				// Another session wrote the run since the read: the items go again from a
				// read
				// that locks the run until the write, which no other write can overtake
				// (the
				// wait is bounded by the lock timeout).
				logger.debug("The run changed since it was read; writing {} update(s) from a locked read",
						items.size());
				return this.postgresUpdates
					.inOneTransaction((connection) -> updateTogether(connection, link, lms, items, true));
			}
		}
		catch (DataAccessException ex) {
			if (items.size() == 1 || !mayBeOneItemsFault(ex)) {
				throw ex;
			}
			logger.debug("A group of {} updates failed; applying them one by one: {}", items.size(),
					ex.getClass().getSimpleName());
			return Collections.nCopies(items.size(), null);
		}
	}

	/**
	 * Whether a group's write may have failed because of one of its items: not when it
	 * lost a race (each item is retried from its read) or the database is unreachable
	 * (each item would fail alone too).
	 */
	private static boolean mayBeOneItemsFault(DataAccessException failure) {
		return !(DatabaseFailures.isLockTimeout(failure) || DatabaseFailures.isUnreachable(failure)
				|| failure instanceof ConcurrencyFailureException || failure instanceof TransientDataAccessException
				|| failure instanceof DataAccessResourceFailureException
				|| failure instanceof RecoverableDataAccessException);
	}

	private List<ItemResult> updateTogether(Connection connection, String link, LmsBackend lms,
			List<PendingUpdate> items, boolean lock) throws SQLException {
		PostgresRunUpdates.StoredRun found = lock ? this.postgresUpdates.find(connection, link, true)
				: this.postgresUpdates.find(connection, link);
		if (found == null) {
			return Collections.nCopies(items.size(), NO_RUN);
		}
		CourseRun run = found.run();
		PublicCourseRun publicCopy = found.publicCopy();
		SyncMode mode = run.getSyncMode();
		if (mode == SyncMode.MANUAL || (mode == SyncMode.SYNC_TO_PUBLIC && publicCopy == null)) {
			return Collections.nCopies(items.size(), null);
		}
		Instant now = this.clock.instant();
		List<ItemResult> results = new ArrayList<>(items.size());
		List<SyncEvent> events = new ArrayList<>(items.size());
		Set<RunField> runFields = EnumSet.noneOf(RunField.class);
		Set<RunField> copyFields = EnumSet.noneOf(RunField.class);
		boolean courseDirty = false;
		for (PendingUpdate item : items) {
			RunValidation validation = this.validator.validate(item.data(), true);
			if (!validation.isValid()) {
				// Rejected (and recorded) by the transactional path.
				results.add(null);
				continue;
			}
			AppliedUpdate applied = applyUpdate(run, publicCopy, validation.values(), lms, now);
			runFields.addAll(fields(applied.changes()));
			copyFields.addAll(applied.copyFields());
			courseDirty |= applied.courseDirty();
			SyncOutcome outcome = applied.outcome();
			events.add(this.history
				.event(updated(run, lms, outcome, item.secretIndex(), found.courseCode(), applied.changes())));
			results.add(new ItemResult(outcome, Map.of(), lms.baseUrl(), mode.wireName()));
		}
		if (!events.isEmpty()) {
			this.postgresUpdates.update(connection, run, runFields, publicCopy, copyFields,
					courseDirty ? run.getCourseId() : null, now, events);
			this.metrics.group(events.size());
		}
		return results;
	}

	/**
	 * Richie's update of an existing, non-manual run, in memory: the writable values go
	 * into the draft and, for {@code sync_to_public}, into its public copy; a
	 * {@code sync_to_draft} update tells whether the course now has unpublished changes.
	 */
	private AppliedUpdate applyUpdate(CourseRun run, PublicCourseRun publicCopy, Map<RunField, Object> values,
			LmsBackend lms, Instant now) {
		Map<RunField, Object> writable = new EnumMap<>(values);
		writable.keySet().removeAll(lms.noUpdateFields());
		Map<String, Map<String, Object>> changes = apply(run, writable, now);
		if (run.getSyncMode() == SyncMode.SYNC_TO_PUBLIC) {
			Set<RunField> copyFields = (publicCopy != null) ? fields(apply(publicCopy, writable, now)) : Set.of();
			return new AppliedUpdate(changes, copyFields, false);
		}
		return new AppliedUpdate(changes, Set.of(), RunPublication.isDirty(run, publicCopy));
	}

	/**
	 * What {@link #applyUpdate} did: the draft's changes (for the history), the public
	 * copy's changed fields, and whether the course must be marked as having unpublished
	 * changes.
	 */
	private record AppliedUpdate(Map<String, Map<String, Object>> changes, Set<RunField> copyFields,
			boolean courseDirty) {

		/** {@code unchanged} when no stored value of the run or its copy changed. */
		SyncOutcome outcome() {
			return (this.changes.isEmpty() && this.copyFields.isEmpty()) ? SyncOutcome.UNCHANGED : SyncOutcome.UPDATED;
		}

	}

	private static Set<RunField> fields(Map<String, Map<String, Object>> changes) {
		Set<RunField> fields = EnumSet.noneOf(RunField.class);
		changes.keySet().forEach((name) -> fields.add(RunField.fromJsonName(name)));
		return fields;
	}

	private ItemResult update(CourseRun run, PublicCourseRun publicCopy, Map<RunField, Object> values, LmsBackend lms,
			int secretIndex) {
		if (run.getSyncMode() == SyncMode.MANUAL) {
			return record(run, lms, SyncOutcome.UNCHANGED, secretIndex, Map.of());
		}
		Instant now = this.clock.instant();
		AppliedUpdate applied = applyUpdate(run, publicCopy, values, lms, now);
		SyncOutcome outcome = applied.outcome();
		if (run.getSyncMode() == SyncMode.SYNC_TO_PUBLIC && publicCopy == null
				&& this.store.isPublished(run.getCourseId())) {
			this.entityManager.persist(new PublicCourseRun(run, now));
			outcome = SyncOutcome.UPDATED;
		}
		if (applied.courseDirty()) {
			this.store.markUnpublishedChanges(run.getCourseId(), now);
		}
		return record(run, lms, outcome, secretIndex, applied.changes());
	}

	private ItemResult create(ObjectNode data, String link, Map<RunField, Object> values, LmsBackend lms,
			int secretIndex) {
		SyncMode mode = lms.defaultSyncMode();
		if (mode == SyncMode.MANUAL) {
			return reject(link, lms, secretIndex, "resource_link", CREATION_DEACTIVATED);
		}
		CourseCodeResult code = lms.extractCourseCode(data, link);
		if (!code.isValid()) {
			return reject(link, lms, secretIndex, code.errors());
		}
		Optional<Course> course = this.store.courseByCode(code.code());
		if (course.isEmpty()) {
			return reject(link, lms, secretIndex, "resource_link", "Unknown course: " + code.code() + ".");
		}
		Instant now = this.clock.instant();
		CourseRun run = new CourseRun(UUID.randomUUID(), course.get().getId(), now);
		run.setSyncMode(mode);
		run.setLmsBackend(lms.baseUrl());
		run.set(RunField.PRICE_CURRENCY, this.defaultCurrency);
		Map<String, Map<String, Object>> changes = apply(run, values, now);
		this.entityManager.persist(run);
		// Surface a lost race (unique resource link) now, inside the retried transaction.
		this.entityManager.flush();
		if (mode == SyncMode.SYNC_TO_PUBLIC) {
			if (this.store.isPublished(run.getCourseId())) {
				this.entityManager.persist(new PublicCourseRun(run, now));
			}
		}
		else {
			this.publication.markCourseDirty(run, null, now);
		}
		return record(run, lms, SyncOutcome.CREATED, secretIndex, changes);
	}

	/** Writes {@code values} into {@code run}; returns the fields that changed. */
	private static Map<String, Map<String, Object>> apply(RunData run, Map<RunField, Object> values, Instant now) {
		Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
		values.forEach((field, value) -> {
			if (!run.holds(field, value)) {
				Map<String, Object> change = new LinkedHashMap<>();
				change.put("before", run.get(field));
				change.put("after", value);
				changes.put(field.jsonName(), change);
				run.set(field, value);
			}
		});
		if (!changes.isEmpty()) {
			run.setUpdatedAt(now);
		}
		return changes;
	}

	private ItemResult record(CourseRun run, LmsBackend lms, SyncOutcome outcome, int secretIndex,
			Map<String, Map<String, Object>> changes) {
		this.history.record(updated(run, lms, outcome, secretIndex, courseCode(run.getCourseId()), changes));
		return new ItemResult(outcome, Map.of(), lms.baseUrl(), run.getSyncMode().wireName());
	}

	private static SyncRecord updated(CourseRun run, LmsBackend lms, SyncOutcome outcome, int secretIndex,
			String courseCode, Map<String, Map<String, Object>> changes) {
		return new SyncRecord(run.getResourceLink(), lms.baseUrl(), outcome, secretIndex, courseCode, run.getId(),
				run.getSyncMode(), changes, Map.of());
	}

	/** Course codes never change (a course is deleted, never renamed): cached by id. */
	private String courseCode(UUID courseId) {
		String code = this.courseCodes.get(courseId);
		if (code == null) {
			code = this.store.courseCode(courseId);
			if (this.courseCodes.size() > MAX_CACHED_CODES) {
				this.courseCodes.clear();
			}
			this.courseCodes.put(courseId, code);
		}
		return code;
	}

	private ItemResult reject(String link, LmsBackend lms, int secretIndex, String field, String message) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		errors.put(field, List.of(message));
		return reject(link, lms, secretIndex, errors);
	}

	private ItemResult reject(String link, LmsBackend lms, int secretIndex, Map<String, List<String>> errors) {
		this.history.record(SyncRecord.rejected(link, (lms != null) ? lms.baseUrl() : null, secretIndex, errors));
		return new ItemResult(SyncOutcome.REJECTED, errors, (lms != null) ? lms.baseUrl() : null, null);
	}

}
