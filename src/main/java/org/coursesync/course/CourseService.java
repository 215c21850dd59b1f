package org.coursesync.course;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.coursesync.system.ApiProblem;
import org.coursesync.system.DatabaseFailures;
import org.coursesync.system.PageView;

import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The catalog admin's operations on courses: create, list, show, edit, delete and
 * publish.
 */
@Service
public class CourseService {

	private final CourseRepository courses;

	private final PublicCourseRepository publicCourses;

	private final CourseRunRepository runs;

	private final PublicCourseRunRepository publicRuns;

	private final TransactionTemplate transaction;

	private final TransactionTemplate readOnly;

	private final RetryTemplate retry;

	private final Clock clock;

	private final CourseList list;

	CourseService(CourseRepository courses, PublicCourseRepository publicCourses, CourseRunRepository runs,
			PublicCourseRunRepository publicRuns, PlatformTransactionManager transactionManager, Clock clock,
			CourseList list) {
		this.list = list;
		this.courses = courses;
		this.publicCourses = publicCourses;
		this.runs = runs;
		this.publicRuns = publicRuns;
		this.transaction = new TransactionTemplate(transactionManager);
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
		this.retry = DatabaseFailures.retryTemplate();
		this.clock = clock;
	}

	/** The normalized form of a code in a path or body; 400 when nothing is left. */
	public static String code(String raw) {
		String code = CourseCodes.normalize(raw);
		if (code == null) {
			throw ApiProblem.badRequest("Invalid course code '" + raw + "': use letters, digits, '-' or '_'.");
		}
		return code;
	}

	/**
	 * Creates a course from a validated, normalized code and title; 409 when the code
	 * exists.
	 */
	public CourseView create(String code, String title) {
		try {
			return this.transaction.execute((status) -> {
				if (this.courses.findByCode(code).isPresent()) {
					throw duplicate(code);
				}
				Course course = new Course(code, title, this.clock.instant());
				this.courses.saveAndFlush(course);
				return view(course);
			});
		}
		catch (DataIntegrityViolationException ex) {
			// Lost a race with another instance creating the same code.
			throw duplicate(code);
		}
	}

	/**
	 * One page of the courses matching {@code filter}, ordered by {@code pageable}'s sort
	 * (properties {@code code}, {@code title}, {@code createdAt}, {@code updatedAt}; the
	 * code decides ties), with the total.
	 */
	public PageView<CourseSummary> list(CourseFilter filter, Pageable pageable) {
		return this.readOnly.execute((status) -> this.list.page(filter, pageable));
	}

	public CourseView get(String code) {
		return this.readOnly.execute((status) -> view(find(code)));
	}

	/**
	 * Applies {@code edit} (which may throw a 400) to the course, in the transaction that
	 * saves it.
	 */
	public CourseView patch(String code, Consumer<Course> edit) {
		return this.transaction.execute((status) -> {
			Course course = find(code);
			edit.accept(course);
			Instant now = this.clock.instant();
			course.setUpdatedAt(now);
			if (this.publicCourses.existsById(course.getId())) {
				course.setUnpublishedChanges(true);
			}
			return view(course);
		});
	}

	public void delete(String code) {
		this.transaction.executeWithoutResult((status) -> {
			Course course = find(code);
			if (!this.publicRuns.findByCourseIdOrderByCreatedAtAscIdAsc(course.getId()).isEmpty()) {
				throw ApiProblem.conflict("Course " + course.getCode()
						+ " has public runs: delete its runs and publish it first, so that the catalog stops listing them.");
			}
			this.runs.deleteAll(this.runs.findByCourseIdOrderByCreatedAtAscIdAsc(course.getId()));
			this.publicCourses.findById(course.getId()).ifPresent(this.publicCourses::delete);
			this.courses.delete(course);
		});
	}

	/**
	 * Makes the public copy equal to the draft: course fields and every draft run; public
	 * runs whose draft was deleted go. Locks the draft runs, then the course (the order
	 * syncs use).
	 */
	public CourseView publish(String code) {
		String normalized = code(code);
		return this.retry.invoke(() -> this.transaction.execute((status) -> {
			Course found = this.courses.findByCode(normalized).orElseThrow(() -> notFound(normalized));
			List<CourseRun> drafts = this.runs.findByCourseIdForUpdate(found.getId());
			Course course = this.courses.findForUpdate(found.getId()).orElseThrow(() -> notFound(normalized));
			Instant now = this.clock.instant();
			PublicCourse publicCourse = this.publicCourses.findById(course.getId())
				.orElseGet(() -> new PublicCourse(course.getId()));
			publicCourse.copyFrom(course, now);
			this.publicCourses.save(publicCourse);
			Map<UUID, PublicCourseRun> copies = new HashMap<>();
			this.publicRuns.findByCourseIdOrderByCreatedAtAscIdAsc(course.getId())
				.forEach((copy) -> copies.put(copy.getDraftRunId(), copy));
			for (CourseRun draft : drafts) {
				PublicCourseRun copy = copies.remove(draft.getId());
				if (copy == null) {
					this.publicRuns.save(new PublicCourseRun(draft, now));
				}
				else {
					copy.copyFrom(draft);
					copy.setUpdatedAt(now);
				}
			}
			this.publicRuns.deleteAll(copies.values());
			course.setUnpublishedChanges(false);
			this.publicRuns.flush();
			return view(course);
		}));
	}

	private Course find(String code) {
		String normalized = code(code);
		return this.courses.findByCode(normalized).orElseThrow(() -> notFound(normalized));
	}

	private CourseView view(Course course) {
		List<RunView> drafts = this.runs.findByCourseIdOrderByCreatedAtAscIdAsc(course.getId())
			.stream()
			.map(RunView::of)
			.toList();
		List<RunView> copies = this.publicRuns.findByCourseIdOrderByCreatedAtAscIdAsc(course.getId())
			.stream()
			.map(RunView::of)
			.toList();
		// Its update time is the latest of its own and its draft runs' (CourseList).
		Instant updatedAt = drafts.stream()
			.map(RunView::updatedAt)
			.filter(course.getUpdatedAt()::isBefore)
			.max(Instant::compareTo)
			.orElse(course.getUpdatedAt());
		return CourseView.of(course, this.publicCourses.findById(course.getId()).orElse(null), drafts, copies,
				updatedAt);
	}

	private static ApiProblem notFound(String code) {
		return ApiProblem.notFound("No course with code " + code + ": create it with POST /api/admin/courses.");
	}

	private static ApiProblem duplicate(String code) {
		return ApiProblem.conflict("A course with code " + code + " already exists.");
	}

}
