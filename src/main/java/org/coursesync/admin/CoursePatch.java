package org.coursesync.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.coursesync.course.Course;
import org.coursesync.course.CourseService;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.system.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * A JSON merge patch of a course's editable fields, validated all at once: a key present
 * is set, {@code null} clears it (except the title), an unknown key is an error. Public:
 * the console's course form applies the same rules.
 */
public final class CoursePatch {

	static final Set<String> FIELDS = Set.of("title", "min_effort", "max_effort", "pacing_type", "weeks_to_complete",
			"modular_credit", "marketing_url");

	private static final Set<String> PACING = Set.of("self_paced", "instructor_paced");

	private CoursePatch() {
	}

	/**
	 * The normalized code and the title of a course to create, or throws a 400.
	 */
	static NewCourse creation(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw ApiProblem.badRequest("Send a JSON object {\"code\": \"...\", \"title\": \"...\"}.");
		}
		JsonNode codeNode = body.get("code");
		if (codeNode == null || !codeNode.isString() || codeNode.asString().isBlank()) {
			throw ApiProblem.invalid(Map.of("code", List.of("This field is required.")));
		}
		String code = CourseService.code(codeNode.asString());
		String title;
		try {
			title = title(body.get("title"));
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.invalid(Map.of("title", List.of(ex.getMessage())));
		}
		if (code.length() > 100) {
			throw ApiProblem.invalid(Map.of("code", List.of("Ensure this field has no more than 100 characters.")));
		}
		return new NewCourse(code, title);
	}

	/**
	 * Applies {@code patch} to {@code course}, or throws a 400 listing every bad field.
	 */
	public static void apply(JsonNode patch, Course course) {
		if (patch == null || !patch.isObject()) {
			throw ApiProblem.badRequest("Send a JSON object of the fields to change: " + new TreeSet<>(FIELDS) + ".");
		}
		Map<String, List<String>> errors = new LinkedHashMap<>();
		Set<String> unknown = new TreeSet<>(patch.propertyNames());
		unknown.removeAll(FIELDS);
		if (!unknown.isEmpty()) {
			throw ApiProblem.badRequest("Unknown fields " + unknown + ": a course has " + new TreeSet<>(FIELDS) + ".");
		}
		Course candidate = course;
		field(patch, "title", errors, (node) -> {
			String title = text(node, 255, false);
			candidate.setTitle(title);
		});
		field(patch, "min_effort", errors, (node) -> candidate.setMinEffort(count(node)));
		field(patch, "max_effort", errors, (node) -> candidate.setMaxEffort(count(node)));
		field(patch, "weeks_to_complete", errors, (node) -> candidate.setWeeksToComplete(count(node)));
		field(patch, "modular_credit", errors, (node) -> candidate.setModularCredit(count(node)));
		field(patch, "pacing_type", errors, (node) -> {
			String pacing = text(node, 32, true);
			if (pacing != null && !PACING.contains(pacing)) {
				throw new IllegalArgumentException("Expected self_paced or instructor_paced.");
			}
			candidate.setPacingType(pacing);
		});
		field(patch, "marketing_url", errors, (node) -> candidate.setMarketingUrl(url(node)));
		if (errors.isEmpty() && course.getMinEffort() != null && course.getMaxEffort() != null
				&& course.getMinEffort() > course.getMaxEffort()) {
			errors.put("min_effort", List.of("Must not be greater than max_effort."));
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
	}

	/** A required, non-blank title of at most 255 characters. */
	static String title(JsonNode node) {
		return text(node, 255, false);
	}

	private static void field(JsonNode patch, String name, Map<String, List<String>> errors,
			Consumer<JsonNode> setter) {
		JsonNode node = patch.get(name);
		if (node == null) {
			return;
		}
		try {
			setter.accept(node);
		}
		catch (IllegalArgumentException ex) {
			errors.put(name, List.of(ex.getMessage()));
		}
	}

	private static String text(JsonNode node, int max, boolean nullable) {
		if (node == null || node.isNull()) {
			if (nullable) {
				return null;
			}
			throw new IllegalArgumentException("This field is required.");
		}
		if (!node.isString()) {
			throw new IllegalArgumentException("Expected a string.");
		}
		String value = node.asString().strip();
		if (value.isEmpty() && !nullable) {
			throw new IllegalArgumentException("This field may not be blank.");
		}
		if (value.length() > max) {
			throw new IllegalArgumentException("Ensure this field has no more than " + max + " characters.");
		}
		String unstorable = RunPayloadValidator.unstorable(value);
		if (unstorable != null) {
			throw new IllegalArgumentException(unstorable);
		}
		return value.isEmpty() ? null : value;
	}

	private static Integer count(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
			throw new IllegalArgumentException("Expected an integer from 0 to 2147483647.");
		}
		return node.intValue();
	}

	private static String url(JsonNode node) {
		String value = text(node, 2048, true);
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException("Expected an absolute http or https URL.");
			}
			return value;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Expected an absolute http or https URL.");
		}
	}

	/** A course to create: its normalized code and its title. */
	record NewCourse(String code, String title) {
	}

}
