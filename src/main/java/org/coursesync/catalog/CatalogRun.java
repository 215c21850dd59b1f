package org.coursesync.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A published run in the representation of the LumiNUS "edX Contents API"
 * (docs/catalog-api.md), plus {@code languages}.
 */
@Schema(name = "CatalogRun")
record CatalogRun(UUID id, String courserunKey, UUID uuid, @Schema(nullable = true) Instant startDate,
		@Schema(nullable = true) Instant endDate, @Schema(nullable = true) Instant enrollmentStart,
		@Schema(nullable = true) Instant enrollmentEnd, @Schema(nullable = true) Integer minEffort,
		@Schema(nullable = true) Integer maxEffort, @Schema(nullable = true) String pacingType,
		@Schema(nullable = true) Integer weeksToComplete, @Schema(allowableValues = {
				"Archived", "Current", "Starting Soon", "Upcoming" }) String availability,
		@Schema(nullable = true) String marketingUrl, String enrollmentUrl,
		@Schema(nullable = true, description = "the price of the track, e.g. \"59.99\"; null for audit") String price,
		@Schema(allowableValues = { "professional", "verified", "audit" }) String type,
		@Schema(nullable = true) Integer modularCredit, List<String> languages){

}
