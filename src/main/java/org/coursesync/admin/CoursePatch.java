package org.coursesync.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

import org.coursesync.course.Course;
import org.coursesync.course.CourseService;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.JsonField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The course requests turned into commands: a creation, and a JSON merge patch of a
 * course's editable fields validated all at once (a key present is set, {@code null}
 * clears it, except the title; an unknown key is an error).
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
	static NewCourse creation(NewCourseRequest body) {
		if (body == null) {
			throw ApiProblem.badRequest("Send a JSON object {\"code\": \"...\", \"title\": \"...\"}.");
		}
		JsonNode codeNode = JsonField.json(body.code());
		if (codeNode == null || !codeNode.isString() || codeNode.asString().isBlank()) {
			throw ApiProblem.invalid(Map.of("code", List.of("This field is required.")));
		}
		String code = CourseService.code(codeNode.asString());
		String title;
		try {
			title = title(JsonField.json(body.title()));
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
	 * Applies a JSON merge patch of course fields (the console's form) to {@code course},
	 * with the admin API's rules and messages, or throws a 400 listing every bad field.
	 */
	public static void apply(JsonNode patch, Course course) {
		if (patch == null || !patch.isObject()) {
			throw ApiProblem.badRequest("Send a JSON object of the fields to change: " + new TreeSet<>(FIELDS) + ".");
		}
		changes(JsonMapper.shared().treeToValue(patch, CoursePatchRequest.class)).applyTo(course);
	}

	/**
	 * The changes of {@code patch}, each field checked, or throws a 400 listing every bad
	 * field.
	 */
	static Changes changes(CoursePatchRequest patch) {
		if (patch == null) {
			throw ApiProblem.badRequest("Send a JSON object of the fields to change: " + new TreeSet<>(FIELDS) + ".");
		}
		Set<String> unknown = new TreeSet<>((patch.unknown() != null) ? patch.unknown().keySet() : Set.of());
		if (!unknown.isEmpty()) {
			throw ApiProblem.badRequest("Unknown fields " + unknown + ": a course has " + new TreeSet<>(FIELDS) + ".");
		}
		Map<String, List<String>> errors = new LinkedHashMap<>();
		Changes changes = new Changes(field(patch.title(), "title", errors, (node) -> text(node, 255, false)),
				field(patch.minEffort(), "min_effort", errors, CoursePatch::count),
				field(patch.maxEffort(), "max_effort", errors, CoursePatch::count),
				field(patch.weeksToComplete(), "weeks_to_complete", errors, CoursePatch::count),
				field(patch.modularCredit(), "modular_credit", errors, CoursePatch::count),
				field(patch.pacingType(), "pacing_type", errors, (node) -> {
					String pacing = text(node, 32, true);
					if (pacing != null && !PACING.contains(pacing)) {
						throw new IllegalArgumentException("Expected self_paced or instructor_paced.");
					}
					return pacing;
				}), field(patch.marketingUrl(), "marketing_url", errors, CoursePatch::url));
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		return changes;
	}

	/** A required, non-blank title of at most 255 characters. */
	static String title(JsonNode node) {
		return text(node, 255, false);
	}

	private static <T> Change<T> field(JsonField<?> sent, String name, Map<String, List<String>> errors,
			Function<JsonNode, T> parse) {
		JsonNode node = JsonField.json(sent);
		if (node == null) {
			return null;
		}
		try {
			return new Change<>(parse.apply(node));
		}
		catch (IllegalArgumentException ex) {
			errors.put(name, List.of(ex.getMessage()));
			return null;
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

	/** A value a patch sets ({@code null} clears the field). */
	record Change<T>(T value) {
	}

	/**
	 * The checked changes of a course patch; a {@code null} change leaves its field
	 * alone.
	 */
	record Changes(Change<String> title, Change<Integer> minEffort, Change<Integer> maxEffort,
			Change<Integer> weeksToComplete, Change<Integer> modularCredit, Change<String> pacingType,
			Change<String> marketingUrl) {

		/** Applies the changes, or throws a 400 when the efforts end up inverted. */
		void applyTo(Course course) {
			set(this.title, course::setTitle);
			set(this.minEffort, course::setMinEffort);
			set(this.maxEffort, course::setMaxEffort);
			set(this.weeksToComplete, course::setWeeksToComplete);
			set(this.modularCredit, course::setModularCredit);
			set(this.pacingType, course::setPacingType);
			set(this.marketingUrl, course::setMarketingUrl);
			if (course.getMinEffort() != null && course.getMaxEffort() != null
					&& course.getMinEffort() > course.getMaxEffort()) {
				throw ApiProblem.invalid(Map.of("min_effort", List.of("Must not be greater than max_effort.")));
			}
		}

		private static <T> void set(Change<T> change, Consumer<T> setter) {
			if (change != null) {
				setter.accept(change.value());
			}
		}

	}

}
