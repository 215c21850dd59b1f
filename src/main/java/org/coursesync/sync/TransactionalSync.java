package org.coursesync.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import org.coursesync.course.Course;
import org.coursesync.course.CourseRun;
import org.coursesync.course.CourseRuns;
import org.coursesync.course.PublicCourseRun;
import org.coursesync.course.RunField;
import org.coursesync.course.RunPublication;
import org.coursesync.course.SyncMode;
import org.coursesync.lms.CourseCodeResult;
import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsRegistry;
import org.coursesync.richie.RichieProperties;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.richie.RunValidation;
import org.coursesync.synclog.FieldChange;
import org.coursesync.synclog.SyncHistory;
import org.coursesync.synclog.SyncOutcome;
import org.coursesync.synclog.SyncRecord;
import org.coursesync.synclog.SyncSource;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional path of one item, on every database: one transaction with the run's
 * row lock, for what a group of updates leaves to it (a creation, a manual run, a
 * rejection to record, a first public copy), and the reconciliations' updates. The rules
 * of an update are {@link SyncRules}'; each method is one transaction.
 */
@Component
class TransactionalSync {

	static final String NO_LMS = "No LMS configuration found for this resource link.";

	static final String CREATION_DEACTIVATED = "Unknown course run when creation is deactivated.";

	private final LmsRegistry lmsRegistry;

	private final RunPayloadValidator validator;

	private final CourseRuns store;

	private final RunPublication publication;

	private final SyncHistory history;

	private final SyncRules rules;

	private final CourseCodeCache courseCodes;

	private final EntityManager entityManager;

	private final Clock clock;

	private final String defaultCurrency;

	TransactionalSync(LmsRegistry lmsRegistry, RunPayloadValidator validator, CourseRuns store,
			RunPublication publication, SyncHistory history, SyncRules rules, CourseCodeCache courseCodes,
			EntityManager entityManager, Clock clock, RichieProperties properties) {
		this.lmsRegistry = lmsRegistry;
		this.validator = validator;
		this.store = store;
		this.publication = publication;
		this.history = history;
		this.rules = rules;
		this.courseCodes = courseCodes;
		this.entityManager = entityManager;
		this.clock = clock;
		this.defaultCurrency = properties.defaultPriceCurrency();
	}

	/**
	 * Applies one item and records it; {@code knownAbsent} when the group path has just
	 * read that the link has no run (the read is not repeated).
	 */
	@Transactional
	public ItemResult apply(ObjectNode data, String link, int secretIndex, boolean knownAbsent) {
		Optional<LmsBackend> selected = this.lmsRegistry.select(link);
		if (selected.isEmpty()) {
			return reject(link, Optional.empty(), secretIndex, "resource_link", NO_LMS);
		}
		LmsBackend lms = selected.get();
		lms.cleanData(data);
		// The run's row lock, taken by the read, orders this item after every
		// write of the run that committed before it and before every later one:
		// its history row records the values it replaced (the run's version is
		// checked and advanced on the write).
		CourseRun draft = knownAbsent ? null : this.store.runForUpdate(link).orElse(null);
		RunValidation validation = this.validator.validate(data, draft != null);
		if (!validation.isValid()) {
			return reject(link, selected, secretIndex, validation.errors());
		}
		if (draft == null) {
			return create(data, link, validation.values(), lms, secretIndex);
		}
		PublicCourseRun copy = this.store.publicCopy(draft.getId()).orElse(null);
		return update(draft, copy, validation.values(), lms, secretIndex);
	}

	/**
	 * A reconciliation's partial update of the draft run {@code runId}, applied only if
	 * the run is still at {@code version}; see {@link CourseRunSync#reconcile}.
	 */
	@Transactional
	public Optional<SyncOutcome> reconcile(UUID runId, long version, ObjectNode data, LmsBackend lms) {
		CourseRun run = this.store.runForUpdate(runId).orElse(null);
		if (run == null || run.getVersion() != version) {
			return Optional.empty();
		}
		if (run.getSyncMode() == SyncMode.MANUAL) {
			return Optional.of(SyncOutcome.UNCHANGED);
		}
		RunValidation validation = this.validator.validate(data, true);
		String code = this.courseCodes.of(run.getCourseId());
		if (!validation.isValid()) {
			this.history.record(new SyncRecord(run.getResourceLink(), lms.baseUrl(), SyncOutcome.REJECTED,
					SyncSource.RECONCILIATION, code, run.getId(), run.getSyncMode(), Map.of(), validation.errors()));
			return Optional.of(SyncOutcome.REJECTED);
		}
		PublicCourseRun copy = this.store.publicCopy(run.getId()).orElse(null);
		Instant now = this.clock.instant();
		SyncRules.AppliedUpdate applied = this.rules.applyUpdate(run, copy, validation.values(), lms, now);
		if (applied.changes().isEmpty()) {
			return Optional.of(SyncOutcome.UNCHANGED);
		}
		if (applied.courseDirty()) {
			this.store.markUnpublishedChanges(run.getCourseId(), now);
		}
		this.history.record(
				SyncRules.record(run, lms, SyncOutcome.UPDATED, SyncSource.RECONCILIATION, code, applied.changes()));
		return Optional.of(SyncOutcome.UPDATED);
	}

	/** Records {@code record} alone, in its own transaction. */
	@Transactional
	public void record(SyncRecord record) {
		this.history.record(record);
	}

	private ItemResult update(CourseRun run, PublicCourseRun publicCopy, Map<RunField, Object> values, LmsBackend lms,
			int secretIndex) {
		if (run.getSyncMode() == SyncMode.MANUAL) {
			return record(run, lms, SyncOutcome.UNCHANGED, secretIndex, Map.of());
		}
		Instant now = this.clock.instant();
		SyncRules.AppliedUpdate applied = this.rules.applyUpdate(run, publicCopy, values, lms, now);
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
			return reject(link, Optional.of(lms), secretIndex, "resource_link", CREATION_DEACTIVATED);
		}
		CourseCodeResult code = lms.extractCourseCode(data, link);
		if (!code.isValid()) {
			return reject(link, Optional.of(lms), secretIndex, code.errors());
		}
		Optional<Course> course = this.store.courseByCode(code.code());
		if (course.isEmpty()) {
			return reject(link, Optional.of(lms), secretIndex, "resource_link", "Unknown course: " + code.code() + ".");
		}
		Instant now = this.clock.instant();
		CourseRun run = new CourseRun(UUID.randomUUID(), course.get().getId(), now);
		run.setSyncMode(mode);
		run.setLmsBackend(lms.baseUrl());
		run.set(RunField.PRICE_CURRENCY, this.defaultCurrency);
		Map<RunField, FieldChange> changes = SyncRules.write(run, values, now);
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

	private ItemResult record(CourseRun run, LmsBackend lms, SyncOutcome outcome, int secretIndex,
			Map<RunField, FieldChange> changes) {
		this.history.record(SyncRules.record(run, lms, outcome, SyncSource.webhook(secretIndex),
				this.courseCodes.of(run.getCourseId()), changes));
		return ItemResult.accepted(outcome, lms, run.getSyncMode());
	}

	private ItemResult reject(String link, Optional<LmsBackend> lms, int secretIndex, String field, String message) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		errors.put(field, List.of(message));
		return reject(link, lms, secretIndex, errors);
	}

	/**
	 * Records a webhook item rejected by the rules of {@code lms} (if one was selected).
	 */
	private ItemResult reject(String link, Optional<LmsBackend> lms, int secretIndex,
			Map<String, List<String>> errors) {
		this.history.record(SyncRecord.rejected(link, lms.map(LmsBackend::baseUrl).orElse(null), secretIndex, errors));
		return ItemResult.rejected(errors, lms);
	}

}
