package org.coursesync.lms;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

import org.coursesync.course.CourseCodes;
import org.coursesync.course.RunField;
import org.coursesync.course.SyncMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A configured LMS backend, ready to use: Richie's backend hooks for selection, data
 * cleaning and course-code extraction.
 *
 * @param index position in {@code coursesync.lms-backends}
 * @param baseUrl the LMS base URL
 * @param kind the backend behaviour
 * @param regex the compiled {@code course-regex}
 * @param defaultSyncMode sync mode of the runs it creates
 * @param noUpdateFields fields an update never overwrites
 */
public record LmsBackend(int index, String baseUrl, LmsKind kind, PythonRegex regex, SyncMode defaultSyncMode,
		Set<RunField> noUpdateFields) {

	private static final Map<String, String> EDX_VISIBILITY = Map.of("both", "course_and_search", "about",
			"course_only", "none", "hidden");

	/** Whether this backend handles {@code link} ({@code re.match} of its regex). */
	public boolean matches(String link) {
		return this.regex.match(link).isPresent();
	}

	/**
	 * Open edX sends its own visibility names; they are mapped in place, others left
	 * alone.
	 */
	public void cleanData(ObjectNode data) {
		if (this.kind != LmsKind.OPENEDX) {
			return;
		}
		JsonNode visibility = data.get("catalog_visibility");
		if (visibility != null && visibility.isString()) {
			String mapped = EDX_VISIBILITY.get(visibility.asString());
			if (mapped != null) {
				data.put("catalog_visibility", mapped);
			}
		}
	}

	/** The normalized code of the course a new run of {@code link} belongs to. */
	public CourseCodeResult extractCourseCode(ObjectNode data, String link) {
		return switch (this.kind) {
			case OPENEDX -> fromCourseKey(link);
			case JOANIE -> fromCourseField(data.get("course"));
			case BASE -> CourseCodeResult.error("resource_link",
					"This LMS backend cannot create course runs: create the run with the admin API first.");
		};
	}

	private CourseCodeResult fromCourseKey(String link) {
		Optional<String> key = this.regex.match(link)
			.flatMap((Matcher matcher) -> this.regex.group(matcher, "course_id"));
		if (key.isEmpty()) {
			return CourseCodeResult.error("resource_link", "Cannot derive a course code from this resource link.");
		}
		String[] parts = CourseKeys.split(key.get());
		if (parts == null) {
			return CourseCodeResult.error("resource_link",
					"Invalid course key \"" + key.get() + "\": expected course-v1:ORG+COURSE+RUN or ORG/COURSE/RUN.");
		}
		return normalized(parts[1], "resource_link");
	}

	private static CourseCodeResult fromCourseField(JsonNode course) {
		if (course == null || !course.isString() || course.asString().isBlank()) {
			return CourseCodeResult.error("course", "This field is required to create a course run.");
		}
		return normalized(course.asString(), "course");
	}

	private static CourseCodeResult normalized(String raw, String field) {
		String code = CourseCodes.normalize(raw);
		return (code != null) ? CourseCodeResult.of(code)
				: CourseCodeResult.error(field, "Cannot derive a course code from \"" + raw + "\".");
	}

}
