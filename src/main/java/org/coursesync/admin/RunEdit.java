package org.coursesync.admin;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.coursesync.course.CourseRun;
import org.coursesync.course.RunField;
import org.coursesync.course.SyncMode;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.system.ApiProblem;
import tools.jackson.databind.JsonNode;

/**
 * An admin's run request (a new run or a merge patch) turned into changes of a draft run:
 * the syncable fields by the sync endpoint's rules and messages, plus {@code sync_mode},
 * {@code title} and {@code display_mode}. Every bad field is reported at once; nothing is
 * applied then.
 */
final class RunEdit {

	static final Set<String> ADMIN_FIELDS = Set.of("sync_mode", "title", "display_mode");

	private static final Set<String> DISPLAY_MODES = Set.of("compact", "detailed");

	private RunEdit() {
	}

	/**
	 * The checked changes of {@code request} ({@code creating}: a new run, which needs
	 * {@code languages}), or throws a 400 listing every bad field.
	 */
	static Changes changes(RunRequest request, RunPayloadValidator validator, boolean creating) {
		if (request == null) {
			throw ApiProblem.badRequest("Send a JSON object of run fields, e.g. {\"title\": \"Spring 2030\"}.");
		}
		Set<String> unknown = new TreeSet<>((request.unknown() != null) ? request.unknown().keySet() : Set.of());
		if (!unknown.isEmpty()) {
			throw ApiProblem.badRequest("Unknown fields " + unknown + ": a run has " + allFields() + ".");
		}
		Map<String, JsonNode> body = request.sent();
		Map<String, List<String>> errors = new LinkedHashMap<>();
		Map<RunField, Object> values = new LinkedHashMap<>();
		for (RunField field : RunField.values()) {
			JsonNode node = body.get(field.jsonName());
			if (node == null) {
				continue;
			}
			try {
				Object value = validator.field(field, node);
				if (field == RunField.LANGUAGES && creating && ((List<?>) value).isEmpty()) {
					throw new RunPayloadValidator.FieldError("This field cannot be blank.");
				}
				values.put(field, value);
			}
			catch (RunPayloadValidator.FieldError ex) {
				errors.put(field.jsonName(), ex.messages());
			}
		}
		if (creating && !body.containsKey("languages")) {
			errors.put("languages", List.of(RunPayloadValidator.REQUIRED));
		}
		SyncMode mode = null;
		if (body.containsKey("sync_mode")) {
			JsonNode node = body.get("sync_mode");
			mode = node.isString() ? SyncMode.fromWireName(node.asString()).orElse(null) : null;
			if (mode == null) {
				errors.put("sync_mode", List.of("Expected manual, sync_to_draft or sync_to_public."));
			}
		}
		Optional<String> title = null;
		if (body.containsKey("title")) {
			JsonNode node = body.get("title");
			if (node.isNull()) {
				title = Optional.empty();
			}
			else if (!node.isString() || node.asString().strip().length() > 255) {
				errors.put("title", List.of("Expected a string of at most 255 characters, or null."));
			}
			else if (RunPayloadValidator.unstorable(node.asString()) != null) {
				errors.put("title", List.of(RunPayloadValidator.unstorable(node.asString())));
			}
			else {
				title = Optional.of(node.asString().strip());
			}
		}
		String displayMode = null;
		if (body.containsKey("display_mode")) {
			JsonNode node = body.get("display_mode");
			displayMode = node.isString() ? node.asString() : null;
			if (displayMode == null || !DISPLAY_MODES.contains(displayMode)) {
				errors.put("display_mode", List.of("Expected compact or detailed."));
			}
		}
		if (!errors.isEmpty()) {
			throw ApiProblem.invalid(errors);
		}
		return new Changes(values, mode, title, displayMode);
	}

	/**
	 * The checked changes of a run: the syncable fields to set, and the admin fields
	 * ({@code null}: left alone; an empty title clears it).
	 */
	record Changes(Map<RunField, Object> values, SyncMode syncMode, Optional<String> title, String displayMode) {

		void applyTo(CourseRun run) {
			this.values.forEach(run::set);
			if (this.syncMode != null) {
				run.setSyncMode(this.syncMode);
			}
			if (this.title != null) {
				run.setTitle(this.title.orElse(null));
			}
			if (this.displayMode != null) {
				run.setDisplayMode(this.displayMode);
			}
		}

	}

	private static Set<String> allFields() {
		Set<String> all = new LinkedHashSet<>();
		for (RunField field : RunField.values()) {
			all.add(field.jsonName());
		}
		all.addAll(new TreeSet<>(ADMIN_FIELDS));
		return all;
	}

}
