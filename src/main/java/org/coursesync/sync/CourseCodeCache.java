package org.coursesync.sync;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.coursesync.course.CourseRuns;

import org.springframework.stereotype.Component;

/**
 * The codes of courses by id, for history rows. Course codes never change (a course is
 * deleted, never renamed), so they are read once.
 */
@Component
class CourseCodeCache {

	private static final int MAX_CACHED_CODES = 100_000;

	private final Map<UUID, String> codes = new ConcurrentHashMap<>();

	private final CourseRuns store;

	CourseCodeCache(CourseRuns store) {
		this.store = store;
	}

	/** The code of the course {@code courseId}, read in the caller's transaction once. */
	String of(UUID courseId) {
		String code = this.codes.get(courseId);
		if (code == null) {
			code = this.store.courseCode(courseId);
			if (this.codes.size() > MAX_CACHED_CODES) {
				this.codes.clear();
			}
			this.codes.put(courseId, code);
		}
		return code;
	}

}
