package org.coursesync.sync;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.coursesync.course.CourseRun;
import org.coursesync.course.PublicCourseRun;
import org.coursesync.course.RunField;
import org.coursesync.synclog.SyncRecord;

/**
 * What a group of updates of one run writes, all or nothing: the run's final values, its
 * public copy's, the course's flag and one history row per item.
 *
 * @param run the draft run, with its final values and the version it was read with
 * @param runFields the fields of the draft that changed
 * @param runWrites how many items changed the draft (its version advances by as many)
 * @param publicCopy the public copy, or {@code null} when the run has none
 * @param copyFields the fields of the copy that changed
 * @param courseDirty whether the course now has unpublished changes
 * @param now the time of the write
 * @param records the history rows, in the items' order (at least one)
 */
record GroupWrite(CourseRun run, Set<RunField> runFields, long runWrites, PublicCourseRun publicCopy,
		Set<RunField> copyFields, boolean courseDirty, Instant now, List<SyncRecord> records) {
}
