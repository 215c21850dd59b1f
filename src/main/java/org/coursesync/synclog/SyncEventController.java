package org.coursesync.synclog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coursesync.system.AdminApi;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.PageView;
import org.coursesync.system.Paging;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sync history for admins: newest first, filtered by link, LMS backend, outcome and
 * time.
 */
@Tag(name = "Sync history", description = "Every authenticated sync item, accepted or rejected")
@AdminApi
@RestController
class SyncEventController {

	private final SyncEventRepository events;

	private final JsonMapper json;

	SyncEventController(SyncEventRepository events, JsonMapper json) {
		this.events = events;
		this.json = json;
	}

	@Operation(operationId = "listSyncEvents", summary = "The sync history, newest first, paged")
	@GetMapping("/api/admin/sync-events")
	@Transactional(readOnly = true)
	PageView<SyncEventView> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size,
			@RequestParam(name = "resource_link", required = false) String resourceLink,
			@RequestParam(name = "lms_backend", required = false) String lmsBackend,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String since,
			@RequestParam(required = false) String until) {
		Specification<SyncEvent> where = (root, query, cb) -> cb.conjunction();
		if (resourceLink != null) {
			where = where.and((root, query, cb) -> cb.equal(root.get("resourceLink"),
					SyncEvent.storable(resourceLink.strip(), SyncEvent.MAX_LINK)));
		}
		if (lmsBackend != null) {
			where = where.and((root, query, cb) -> cb.equal(root.get("lmsBackend"),
					SyncEvent.storable(lmsBackend, lmsBackend.length())));
		}
		if (outcome != null) {
			SyncOutcome wanted = SyncOutcome.fromWireName(outcome)
				.orElseThrow(() -> ApiProblem
					.badRequest("Invalid 'outcome': expected created, updated, unchanged or rejected."));
			where = where.and((root, query, cb) -> cb.equal(root.get("outcome"), wanted.wireName()));
		}
		if (since != null) {
			Instant from = instant("since", since);
			where = where.and((root, query, cb) -> cb.greaterThanOrEqualTo(root.get("receivedAt"), from));
		}
		if (until != null) {
			Instant to = instant("until", until);
			where = where.and((root, query, cb) -> cb.lessThan(root.get("receivedAt"), to));
		}
		Sort newestFirst = Sort.by(Sort.Direction.DESC, "receivedAt").and(Sort.by(Sort.Direction.DESC, "id"));
		return PageView.of(this.events.findAll(where, Paging.of(page, size, 500, null, Map.of(), newestFirst))
			.map((event) -> SyncEventView.of(event, this.json)));
	}

	private static Instant instant(String name, String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException again) {
				throw ApiProblem.badRequest("Invalid '" + name
						+ "': expected an ISO-8601 instant such as 2030-01-01T00:00:00Z or a date such as 2030-01-01.");
			}
		}
	}

}
