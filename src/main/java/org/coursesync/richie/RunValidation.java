package org.coursesync.richie;

import org.coursesync.course.RunField;
import java.util.List;
import java.util.Map;

/**
 * The outcome of validating a sync item or an admin edit: the typed values of the fields
 * sent, or every field error in Richie's shape.
 *
 * @param values typed values of the valid fields that were sent, in field order
 * @param errors field name to messages, in field order (empty when valid)
 */
public record RunValidation(Map<RunField, Object> values, Map<String, List<String>> errors) {

	/** Whether every field is valid. */
	public boolean isValid() {
		return this.errors.isEmpty();
	}

}
