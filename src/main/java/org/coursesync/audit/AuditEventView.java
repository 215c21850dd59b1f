package org.coursesync.audit;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit event as the admin API and the console show it.
 *
 * @param id the event's id
 * @param at when the write was made
 * @param username who made it
 * @param action what it was ({@code course.update}...)
 * @param courseCode the course's code, if any
 * @param runId the run's id, if any
 * @param resourceLink the run's resource link, if any
 * @param before the changed fields before the write ({@code {}} for a creation)
 * @param after the changed fields after it ({@code {}} for a deletion)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditEventView(UUID id, Instant at, String username, String action,
		@Schema(nullable = true) String courseCode, @Schema(nullable = true) UUID runId,
		@Schema(nullable = true) String resourceLink, @Schema(nullable = true) JsonNode before,
		@Schema(nullable = true) JsonNode after) {

	static AuditEventView of(AuditEvent event, JsonMapper json) {
		return new AuditEventView(event.getId(), event.getOccurredAt(), event.getUsername(), event.getAction(),
				event.getCourseCode(), event.getRunId(), event.getResourceLink(), parse(event.getBefore(), json),
				parse(event.getAfter(), json));
	}

	private static JsonNode parse(String text, JsonMapper json) {
		return (text != null) ? json.readTree(text) : json.createObjectNode();
	}

}
