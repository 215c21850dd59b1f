package org.coursesync.synclog;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What one configured LMS backend pushed lately: its configuration (never a secret) and,
 * from the webhook rows of the history, its newest accepted item and its accepted and
 * rejected items over the last 24 hours.
 *
 * @param baseUrl the backend's base URL, as it identifies the backend in the history
 * @param kind {@code openedx}, {@code joanie} or {@code base}
 * @param courseRegex the course regex as configured (null when none)
 * @param lastAcceptedSync when the newest accepted (not rejected) item pushed by this LMS
 * was received; null when none is in the history
 * @param syncs24h accepted items pushed by this LMS over the last 24 hours
 * @param rejected24h rejected items pushed by this LMS over the last 24 hours
 */
public record BackendActivity(@JsonProperty("base_url") String baseUrl, @JsonProperty("kind") String kind,
		@JsonProperty("course_regex") String courseRegex,
		@JsonProperty("last_accepted_sync") @Schema(nullable = true) Instant lastAcceptedSync,
		@JsonProperty("syncs_24h") long syncs24h, @JsonProperty("rejected_24h") long rejected24h) {

}
