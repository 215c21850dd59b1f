package org.coursesync.console;

import java.util.List;

import org.coursesync.synclog.BackendActivity;

/**
 * The dashboard's figures. Public, as every type a template reads: SpEL calls public
 * types only.
 *
 * @param courses every course
 * @param runs every draft run
 * @param runsOfChangedCourses draft runs of the courses with unpublished changes (a run
 * has no flag of its own: its course has)
 * @param changedCourses courses with unpublished changes
 * @param syncs sync items received over the last 24 hours, accepted or rejected
 * @param rejections sync items rejected over the last 24 hours
 * @param backends each configured LMS backend: last accepted sync, syncs and rejections
 * over 24 hours (the service behind {@code GET /api/admin/lms-backends})
 */
public record Dashboard(long courses, long runs, long runsOfChangedCourses, long changedCourses, long syncs,
		long rejections, List<BackendActivity> backends) {

}
