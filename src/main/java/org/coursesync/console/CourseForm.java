package org.coursesync.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.coursesync.course.CourseView;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The course form's fields, named as the admin API names them, as text: what the page
 * shows and what a POST sent. Becomes the same merge patch the API's PATCH takes, so one
 * set of rules checks both. Public: the course page's template reads it.
 */
public record CourseForm(Map<String, String> values) {

	/** The editable fields; the counts are integers. */
	static final List<String> FIELDS = List.of("title", "min_effort", "max_effort", "pacing_type", "weeks_to_complete",
			"modular_credit", "marketing_url");

	private static final List<String> COUNTS = List.of("min_effort", "max_effort", "weeks_to_complete",
			"modular_credit");

	static CourseForm of(CourseView course) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("title", course.title());
		values.put("min_effort", text(course.minEffort()));
		values.put("max_effort", text(course.maxEffort()));
		values.put("pacing_type", course.pacingType());
		values.put("weeks_to_complete", text(course.weeksToComplete()));
		values.put("modular_credit", text(course.modularCredit()));
		values.put("marketing_url", course.marketingUrl());
		return new CourseForm(values);
	}

	/** The posted fields; a field not sent is not changed. */
	static CourseForm posted(Map<String, String> request) {
		Map<String, String> values = new LinkedHashMap<>();
		FIELDS.stream().filter(request::containsKey).forEach((name) -> values.put(name, request.get(name)));
		return new CourseForm(values);
	}

	public String get(String name) {
		return this.values.get(name);
	}

	/**
	 * The merge patch: a blank field clears it (the title refuses that), a count that is
	 * not a whole number is sent as text so that the patch's rules refuse it by name.
	 */
	ObjectNode patch() {
		ObjectNode patch = JsonNodeFactory.instance.objectNode();
		this.values.forEach((name, raw) -> {
			String value = (raw != null) ? raw.strip() : "";
			if (value.isEmpty() && !name.equals("title")) {
				patch.putNull(name);
			}
			else if (COUNTS.contains(name) && value.matches("-?[0-9]{1,18}")) {
				patch.put(name, Long.parseLong(value));
			}
			else {
				patch.put(name, value);
			}
		});
		return patch;
	}

	private static String text(Integer value) {
		return (value != null) ? value.toString() : null;
	}

}
