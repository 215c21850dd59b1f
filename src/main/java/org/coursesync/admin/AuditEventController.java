package org.coursesync.admin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coursesync.audit.AuditAction;
import org.coursesync.audit.AuditEventView;
import org.coursesync.audit.AuditLog;
import org.coursesync.audit.AuditQuery;
import org.coursesync.course.CourseService;
import org.coursesync.system.AdminApi;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.Instants;
import org.coursesync.system.PageView;
import org.coursesync.system.Paging;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for every role: who changed what and when, newest first, filtered by
 * user, action, course and time.
 */
@Tag(name = "Audit log", description = "Every write by a person: who, when, what, before and after")
@AdminApi
@RestController
class AuditEventController {

	private static final Set<String> PARAMETERS = Set.of("page", "size", "username", "action", "course", "since",
			"until");

	private static final String ACTIONS = Arrays.stream(AuditAction.values())
		.map(AuditAction::wireName)
		.collect(Collectors.joining(", "));

	private final AuditLog audit;

	AuditEventController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/admin/audit-events")
	@Operation(operationId = "listAuditEvents", summary = "The audit log",
			description = "Every write by a person (admin API or console): who, when, "
					+ "what, and the changed fields before and after; newest first, paged. Readable by every role.")
	PageView<AuditEventView> list(
			@Parameter(description = "page number, from 0") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "page size, 1 to 500") @RequestParam(defaultValue = "50") int size,
			@Parameter(description = "only this user's writes") @RequestParam(required = false) String username,
			@Parameter(description = "only this action: " + "course.create, course.update, course.delete, "
					+ "course.publish, run.create, run.update, run.delete, reconciliation.start") @RequestParam(
							required = false) String action,
			@Parameter(description = "only writes to this course (its code, normalized)") @RequestParam(
					required = false) String course,
			@Parameter(description = "from this instant or date (inclusive)") @RequestParam(
					required = false) String since,
			@Parameter(description = "before this instant or date") @RequestParam(required = false) String until,
			@Parameter(hidden = true) @RequestParam Map<String, String> all) {
		Set<String> unknown = new TreeSet<>(all.keySet());
		unknown.removeAll(PARAMETERS);
		if (!unknown.isEmpty()) {
			throw ApiProblem.badRequest(
					"Unknown parameters " + unknown + ": the audit log takes " + new TreeSet<>(PARAMETERS) + ".");
		}
		AuditAction wanted = (action != null)
				? AuditAction.fromWireName(action)
					.orElseThrow(() -> ApiProblem.badRequest("Invalid 'action': expected one of " + ACTIONS + "."))
				: null;
		AuditQuery query = new AuditQuery(username, wanted, (course != null) ? CourseService.code(course) : null,
				instant("since", since), instant("until", until));
		return PageView.of(this.audit.find(query, Paging.of(page, size, 500, null, Map.of(), Sort.unsorted())));
	}

	private static Instant instant(String name, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instants.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiProblem.badRequest("Invalid '" + name
					+ "': expected an ISO-8601 instant such as 2030-01-01T00:00:00Z or a date such as 2030-01-01.");
		}
	}

}
