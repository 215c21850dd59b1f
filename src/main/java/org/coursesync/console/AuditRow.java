package org.coursesync.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.coursesync.audit.AuditEventView;
import tools.jackson.databind.JsonNode;

/**
 * One audit event as the console shows it: who, when, what, and each changed field before
 * and after.
 *
 * @param at when the write was made
 * @param username who made it
 * @param action what it was ({@code run.update}...)
 * @param courseCode the course, if any
 * @param runId the run, if any
 * @param resourceLink the run's link, if any
 * @param changes the changed fields (before empty for a creation, after for a deletion)
 */
public record AuditRow(Instant at, String username, String action, String courseCode, UUID runId, String resourceLink,
		List<HistoryRow.Change> changes) {

	static AuditRow of(AuditEventView event) {
		Set<String> fields = new LinkedHashSet<>();
		fields.addAll(names(event.before()));
		fields.addAll(names(event.after()));
		List<HistoryRow.Change> changes = new ArrayList<>();
		for (String field : fields) {
			changes.add(new HistoryRow.Change(field, value(event.before(), field), value(event.after(), field)));
		}
		return new AuditRow(event.at(), event.username(), event.action(), event.courseCode(), event.runId(),
				event.resourceLink(), changes);
	}

	private static List<String> names(JsonNode values) {
		return (values != null && values.isObject()) ? List.copyOf(values.propertyNames()) : List.of();
	}

	private static String value(JsonNode values, String field) {
		return (values != null && values.isObject()) ? HistoryRow.text(values.get(field)) : null;
	}

}
