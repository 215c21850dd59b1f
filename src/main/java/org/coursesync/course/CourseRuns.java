package org.coursesync.course;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The course model's reads and writes that other packages (the admin API, the sync use
 * case) call: the repositories stay inside this package. Each method joins the caller's
 * transaction, with the repository method's own locking.
 */
@Component
public class CourseRuns {

	private final CourseRepository courses;

	private final PublicCourseRepository publicCourses;

	private final CourseRunRepository runs;

	private final PublicCourseRunRepository publicRuns;

	private final Clock clock;

	CourseRuns(CourseRepository courses, PublicCourseRepository publicCourses, CourseRunRepository runs,
			PublicCourseRunRepository publicRuns, Clock clock) {
		this.clock = clock;
		this.courses = courses;
		this.publicCourses = publicCourses;
		this.runs = runs;
		this.publicRuns = publicRuns;
	}

	/** The course with this (normalized) code. */
	public Optional<Course> courseByCode(String code) {
		return this.courses.findByCode(code);
	}

	/** The code of the course with this id, or null. */
	public String courseCode(UUID courseId) {
		return this.courses.findCodeById(courseId);
	}

	/** Whether the course has a public copy (was published once). */
	public boolean isPublished(UUID courseId) {
		return this.publicCourses.existsById(courseId);
	}

	/**
	 * Flags the course as having unpublished changes (one statement, no-op when already
	 * flagged).
	 */
	public void markUnpublishedChanges(UUID courseId, Instant now) {
		this.courses.markUnpublishedChanges(courseId, now);
	}

	/** The draft run with this id. */
	public Optional<CourseRun> run(UUID id) {
		return this.runs.findById(id);
	}

	/** The draft run with this id, its row locked until the transaction ends. */
	public Optional<CourseRun> runForUpdate(UUID id) {
		return this.runs.findByIdForUpdate(id);
	}

	/** The draft run of this resource link, its row locked until the transaction ends. */
	public Optional<CourseRun> runForUpdate(String resourceLink) {
		return this.runs.findByResourceLinkForUpdate(resourceLink);
	}

	/** Whether a draft run has this resource link. */
	public boolean runExists(String resourceLink) {
		return this.runs.existsByResourceLink(resourceLink);
	}

	/** The public copy of this draft run. */
	public Optional<PublicCourseRun> publicCopy(UUID draftRunId) {
		return this.publicRuns.findByDraftRunId(draftRunId);
	}

	/** Saves the draft run and flushes, so constraint violations surface here. */
	public CourseRun saveAndFlush(CourseRun run) {
		return this.runs.saveAndFlush(run);
	}

	/** Flushes pending changes of the draft runs. */
	public void flush() {
		this.runs.flush();
	}

	/**
	 * Counts {@code writes} more writes of the draft run {@code id} in its version, after
	 * its changes were flushed (which counted one).
	 */
	public void advanceVersion(UUID id, long writes) {
		this.runs.advanceVersion(id, writes);
	}

	/**
	 * Deletes the draft run; its course's update time moves (the run's own no longer
	 * counts, see {@link CourseList}).
	 */
	public void delete(CourseRun run) {
		this.runs.delete(run);
		this.courses.touch(run.getCourseId(), this.clock.instant());
	}

}
