package org.coursesync.console;

import java.time.Instant;
import java.util.List;

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
 * @param backends each configured LMS backend's last accepted sync
 */
public record Dashboard(long courses, long runs, long runsOfChangedCourses, long changedCourses, long syncs,
		long rejections, List<Backend> backends) {

	/** An LMS backend and its last accepted sync ({@code null}: none yet). */
	public record Backend(String baseUrl, String kind, Instant lastAcceptedSync) {
	}

}
