package org.coursesync.synclog;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A history entry as admins read it: what changed (before and after) or why it was
 * rejected.
 *
 * @param id the row's id
 * @param receivedAt when the item was received
 * @param resourceLink the trimmed link, if any
 * @param lmsBackend the selected LMS backend's base URL, if any
 * @param outcome {@code created}, {@code updated}, {@code unchanged} or {@code rejected}
 * @param secretIndex the index of the secret that signed the request (null for a
 * reconciliation)
 * @param courseCode the run's course, if known
 * @param courseRunId the draft run, if any
 * @param syncMode the run's sync mode, if any
 * @param changes changed fields: name to {@code {"before": .., "after": ..}}
 * @param errors the field errors of a rejected item
 * @param source {@code webhook} or {@code reconciliation}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncEventView(UUID id, Instant receivedAt, String resourceLink, String lmsBackend, String outcome,
		Integer secretIndex, String courseCode, UUID courseRunId, String syncMode, JsonNode changes, JsonNode errors,
		String source) {

}
