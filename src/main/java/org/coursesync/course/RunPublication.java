package org.coursesync.course;

import java.time.Instant;
import java.util.Objects;

import org.springframework.stereotype.Component;

/**
 * Richie's {@code mark_course_dirty}: when does a change of a draft run leave its course
 * with unpublished changes.
 */
@Component
public class RunPublication {

	private final CourseRepository courses;

	RunPublication(CourseRepository courses) {
		this.courses = courses;
	}

	/**
	 * Marks the course of {@code draft} dirty if Richie would: without a public copy, iff
	 * the draft is scheduled; with one, iff either is scheduled and they differ.
	 */
	public void markCourseDirty(CourseRun draft, PublicCourseRun publicCopy, Instant now) {
		if (isDirty(draft, publicCopy)) {
			this.courses.markUnpublishedChanges(draft.getCourseId(), now);
		}
	}

	public static boolean isDirty(CourseRun draft, PublicCourseRun publicCopy) {
		if (publicCopy == null) {
			return draft.isScheduled();
		}
		boolean visible = draft.isScheduled() || publicCopy.isScheduled();
		return visible && differ(draft, publicCopy);
	}

	/** Whether the public copy differs from its draft in any field Richie compares. */
	static boolean differ(RunData draft, RunData publicCopy) {
		if (!draft.getCourseId().equals(publicCopy.getCourseId()) || draft.getSyncMode() != publicCopy.getSyncMode()
				|| !Objects.equals(draft.getDisplayMode(), publicCopy.getDisplayMode())) {
			return true;
		}
		for (RunField field : RunField.values()) {
			if (!draft.holds(field, publicCopy.get(field))) {
				return true;
			}
		}
		return false;
	}

}
