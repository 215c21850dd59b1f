package org.coursesync.sync;

import org.coursesync.course.CourseRun;
import org.coursesync.course.PublicCourseRun;

/**
 * A link's draft run as read for a group of updates, with what the rules need beside it.
 *
 * @param run the draft run
 * @param publicCopy its public copy, or {@code null} when it has none
 * @param courseCode the code of its course
 */
record StoredRun(CourseRun run, PublicCourseRun publicCopy, String courseCode) {
}
