package org.coursesync.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A reconciliation's report, as admins read it.
 *
 * @param id the report
 * @param lmsBackend the backend's base URL
 * @param trigger {@code schedule} or {@code admin}
 * @param status {@code running}, {@code finished} or {@code failed}
 * @param listing {@code complete}, or {@code partial} when the API may not list every
 * course (anonymous calls)
 * @param startedAt when it started
 * @param finishedAt when it ended, if it did
 * @param coursesSeen courses listed by the API
 * @param runsUpdated runs repaired
 * @param runsUnchanged runs equal to the API, or manual
 * @param runsSkippedNewer runs written since they were read (a webhook is newer)
 * @param runsRejected runs where a sync rule refused a value
 * @param notInCatalog course keys of the API without a run here (at most 1,000)
 * @param notInCatalogTotal how many there are
 * @param missingInLms resource links whose key the API no longer lists (at most 1,000;
 * empty when the listing is partial or did not end)
 * @param missingInLmsTotal how many there are
 * @param error why it failed: the page and the cause
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReportView(UUID id, String lmsBackend, String trigger, String status, String listing, Instant startedAt,
		@Schema(nullable = true) Instant finishedAt, int coursesSeen, int runsUpdated, int runsUnchanged,
		int runsSkippedNewer, int runsRejected, List<String> notInCatalog, int notInCatalogTotal,
		List<String> missingInLms, int missingInLmsTotal, @Schema(nullable = true) String error) {
}
