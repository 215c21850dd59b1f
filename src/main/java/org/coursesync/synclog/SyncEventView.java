package org.coursesync.synclog;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * A history entry as admins read it: what changed (before and after) or why it was
 * rejected.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SyncEventView(UUID id, Instant receivedAt, @Schema(nullable = true) String resourceLink,
		@Schema(nullable = true) String lmsBackend, String outcome, @Schema(nullable = true) Integer secretIndex,
		@Schema(nullable = true) String courseCode, @Schema(nullable = true) UUID courseRunId,
		@Schema(nullable = true) String syncMode, JsonNode changes, JsonNode errors, String source) {

	static SyncEventView of(SyncEvent event, JsonMapper json) {
		return new SyncEventView(event.getId(), event.getReceivedAt(), event.getResourceLink(), event.getLmsBackend(),
				event.getOutcome(), event.getSecretIndex(), event.getCourseCode(), event.getCourseRunId(),
				event.getSyncMode(), parse(event.getChanges(), json), parse(event.getErrors(), json),
				event.getSource());
	}

	private static JsonNode parse(String text, JsonMapper json) {
		return (text != null) ? json.readTree(text) : json.createObjectNode();
	}

}
