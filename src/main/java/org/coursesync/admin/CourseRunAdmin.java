package org.coursesync.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.coursesync.audit.AuditAction;
import org.coursesync.audit.AuditLog;
import org.coursesync.audit.AuditTarget;
import org.coursesync.course.Course;
import org.coursesync.course.CourseRun;
import org.coursesync.course.CourseRuns;
import org.coursesync.course.CourseService;
import org.coursesync.course.PublicCourseRun;
import org.coursesync.course.RunField;
import org.coursesync.course.RunPublication;
import org.coursesync.course.RunView;
import org.coursesync.course.SyncMode;
import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsRegistry;
import org.coursesync.richie.RichieProperties;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.system.ApiProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs edited by hand: create (how runs exist for an LMS whose default is
 * {@code manual}), show, edit, delete. An edit marks the course dirty the way Richie
 * does, and advances the run's version like every write. Each write is recorded in the
 * audit log, in its transaction.
 */
@Service
public class CourseRunAdmin {

	private final CourseRuns store;

	private final RunPayloadValidator validator;

	private final RunPublication publication;

	private final LmsRegistry lmsRegistry;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final String defaultCurrency;

	private final AuditLog audit;

	CourseRunAdmin(CourseRuns store, RunPayloadValidator validator, RunPublication publication, LmsRegistry lmsRegistry,
			PlatformTransactionManager transactionManager, Clock clock, RichieProperties properties, AuditLog audit) {
		this.store = store;
		this.validator = validator;
		this.publication = publication;
		this.lmsRegistry = lmsRegistry;
		this.transaction = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.defaultCurrency = properties.defaultPriceCurrency();
		this.audit = audit;
	}

	/** The run with its public copy, if any. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record RunDetail(RunView run, RunView publicRun) {

		static RunDetail of(CourseRun run, PublicCourseRun copy) {
			return new RunDetail(RunView.of(run), (copy != null) ? RunView.of(copy) : null);
		}

	}

	RunDetail create(String courseCode, JsonNode body) {
		String code = CourseService.code(courseCode);
		return save(() -> {
			Course course = this.store.courseByCode(code)
				.orElseThrow(() -> ApiProblem.notFound("No course with code " + code + "."));
			Instant now = this.clock.instant();
			CourseRun run = new CourseRun(UUID.randomUUID(), course.getId(), now);
			run.setSyncMode(SyncMode.MANUAL);
			run.set(RunField.PRICE_CURRENCY, this.defaultCurrency);
			RunEdit.apply(body, run, this.validator, true);
			checkLink(run, null);
			this.store.saveAndFlush(run);
			this.publication.markCourseDirty(run, null, now);
			this.audit.record(AuditAction.RUN_CREATE, target(run), null, RunView.of(run));
			return RunDetail.of(run, null);
		});
	}

	public RunDetail get(UUID id) {
		return this.transaction.execute((status) -> {
			CourseRun run = find(id);
			return RunDetail.of(run, this.store.publicCopy(id).orElse(null));
		});
	}

	public RunDetail patch(UUID id, JsonNode patch) {
		return save(() -> {
			// Locked: a sync waits for the edit instead of overwriting it from an older
			// read;
			// the edit advances the run's version.
			CourseRun run = this.store.runForUpdate(id)
				.orElseThrow(() -> ApiProblem.notFound("No draft run with id " + id + "."));
			String previousLink = run.getResourceLink();
			RunView before = RunView.of(run);
			RunEdit.apply(patch, run, this.validator, false);
			checkLink(run, previousLink);
			Instant now = this.clock.instant();
			run.setUpdatedAt(now);
			this.store.flush();
			PublicCourseRun copy = this.store.publicCopy(id).orElse(null);
			this.publication.markCourseDirty(run, copy, now);
			this.audit.record(AuditAction.RUN_UPDATE, target(run), before, RunView.of(run));
			return RunDetail.of(run, copy);
		});
	}

	void delete(UUID id) {
		this.transaction.executeWithoutResult((status) -> {
			CourseRun run = find(id);
			this.store.delete(run);
			this.audit.record(AuditAction.RUN_DELETE, target(run), RunView.of(run), null);
		});
	}

	private AuditTarget target(CourseRun run) {
		return AuditTarget.run(this.store.courseCode(run.getCourseId()), run.getId(), run.getResourceLink());
	}

	private void checkLink(CourseRun run, String previousLink) {
		String link = run.getResourceLink();
		if (link != null && link.isEmpty()) {
			run.set(RunField.RESOURCE_LINK, null);
			link = null;
		}
		if (link != null && !link.equals(previousLink) && this.store.runExists(link)) {
			throw linkTaken(link);
		}
		run.setLmsBackend((link != null) ? this.lmsRegistry.select(link).map(LmsBackend::baseUrl).orElse(null) : null);
	}

	private RunDetail save(Supplier<RunDetail> work) {
		try {
			return this.transaction.execute((status) -> work.get());
		}
		catch (DataIntegrityViolationException ex) {
			throw ApiProblem.conflict("Another draft run already has this resource_link: a link belongs to one run.");
		}
	}

	private CourseRun find(UUID id) {
		return this.store.run(id).orElseThrow(() -> ApiProblem.notFound("No draft run with id " + id + "."));
	}

	private static ApiProblem linkTaken(String link) {
		return new ApiProblem(HttpStatus.CONFLICT,
				"Another draft run already has resource_link " + link + ": a link belongs to one run.", Map.of());
	}

}
