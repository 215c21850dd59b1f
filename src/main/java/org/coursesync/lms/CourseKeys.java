package org.coursesync.lms;

/**
 * Richie's {@code split_course_key}: Open edX course keys, new and legacy.
 */
public final class CourseKeys {

	private static final String PREFIX = "course-v1:";

	private CourseKeys() {
	}

	/**
	 * {@code (org, course, run)} of {@code course-v1:ORG+COURSE+RUN} or
	 * {@code ORG/COURSE/RUN}; null when the key does not have exactly three parts.
	 */
	public static String[] split(String key) {
		String[] parts = key.startsWith(PREFIX) ? key.substring(PREFIX.length()).split("\\+", -1) : key.split("/", -1);
		return (parts.length == 3) ? parts : null;
	}

}
