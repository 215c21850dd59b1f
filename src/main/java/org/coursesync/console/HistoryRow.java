package org.coursesync.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One sync history entry as the console shows it: what changed (each field before and
 * after) or why it was rejected.
 *
 * @param receivedAt when it was received
 * @param outcome {@code created}, {@code updated}, {@code unchanged} or {@code rejected}
 * @param source {@code webhook} or {@code reconciliation}
 * @param resourceLink the run's link, if any
 * @param lmsBackend the backend's base URL, if any
 * @param courseCode the course's code, if known
 * @param courseRunId the draft run, if any
 * @param syncMode the run's sync mode, if any
 * @param changes the changed fields
 * @param errors the field errors sent back, for a rejected item
 */
public record HistoryRow(Instant receivedAt, String outcome, String source, String resourceLink, String lmsBackend,
		String courseCode, UUID courseRunId, String syncMode, List<Change> changes, List<Change> errors) {

	/**
	 * A changed field (its value before and after), or a field's error messages (in
	 * {@code after}).
	 */
	public record Change(String field, String before, String after) {
	}

	/** The changes of a history row's {@code changes} JSON: field to before and after. */
	static List<Change> changes(JsonNode changes) {
		List<Change> list = new ArrayList<>();
		if (changes != null && changes.isObject()) {
			for (String field : changes.propertyNames()) {
				JsonNode change = changes.get(field);
				list.add(new Change(field, text(change.get("before")), text(change.get("after"))));
			}
		}
		return list;
	}

	/** The messages of a history row's {@code errors} JSON: field to messages. */
	static List<Change> errors(JsonNode errors) {
		List<Change> list = new ArrayList<>();
		if (errors != null && errors.isObject()) {
			for (String field : errors.propertyNames()) {
				JsonNode messages = errors.get(field);
				List<String> texts = new ArrayList<>();
				if (messages.isArray()) {
					messages.forEach((message) -> texts.add(text(message)));
				}
				else {
					texts.add(text(messages));
				}
				list.add(new Change(field, null, String.join(" ", texts)));
			}
		}
		return list;
	}

	/** A JSON value as text: a string without its quotes; null for none. */
	static String text(JsonNode value) {
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isString() ? value.asString() : value.toString();
	}

}
