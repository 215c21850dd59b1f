package org.coursesync.lms;

import java.util.List;
import java.util.Map;

/**
 * A course code extracted from a sync item, or the 400 errors explaining why there is
 * none.
 *
 * @param code the normalized course code (null when invalid)
 * @param errors field errors in Richie's shape (empty when valid)
 */
public record CourseCodeResult(String code, Map<String, List<String>> errors) {

	static CourseCodeResult of(String code) {
		return new CourseCodeResult(code, Map.of());
	}

	static CourseCodeResult error(String field, String message) {
		return new CourseCodeResult(null, Map.of(field, List.of(message)));
	}

	/** Whether a code was found. */
	public boolean isValid() {
		return this.code != null;
	}

}
