package org.coursesync.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A published run in the representation of the LumiNUS "edX Contents API"
 * (docs/catalog-api.md), plus {@code languages}.
 */
record CatalogRun(UUID id, String courserunKey, UUID uuid, Instant startDate, Instant endDate, Instant enrollmentStart,
		Instant enrollmentEnd, Integer minEffort, Integer maxEffort, String pacingType, Integer weeksToComplete,
		String availability, String marketingUrl, String enrollmentUrl, String price, String type,
		Integer modularCredit, List<String> languages) {

}
