package org.coursesync.reconciliation;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coursesync.system.AdminApi;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.PageView;
import org.coursesync.system.Problems;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reconciliations for admins: start one now, read the reports (newest first).
 */
@Tag(name = "Reconciliations", description = "Reconciliation of the catalog with the LMS (pull)")
@AdminApi
@RestController
class ReconciliationController {

	private static final String PATH = "/api/admin/reconciliations";

	private final Reconciliations reconciliations;

	private final ReconciliationTargets targets;

	private final ReconciliationStore store;

	ReconciliationController(Reconciliations reconciliations, ReconciliationTargets targets,
			ReconciliationStore store) {
		this.reconciliations = reconciliations;
		this.targets = targets;
		this.store = store;
	}

	/** The body of a start request. */
	@Schema(name = "ReconciliationStart")
	record StartRequest(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "base URL of an openedx LMS backend",
					example = "https://localhost:18000") @JsonProperty("lms_backend") String lmsBackend) {
	}

	@Operation(operationId = "startReconciliation", summary = "Start a reconciliation of an openedx backend now")
	@ApiResponse(responseCode = "202", description = "Started; Location is the report")
	@Problems(409)
	@PostMapping(PATH)
	ResponseEntity<ReportView> start(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
			examples = @ExampleObject("{\"lms_backend\": \"https://localhost:18000\"}"))) @RequestBody(
					required = false) StartRequest request) {
		String backend = (request != null) ? request.lmsBackend() : null;
		if (backend == null || backend.isBlank()) {
			throw ApiProblem.badRequest("Missing 'lms_backend': the base URL of an openedx LMS backend.");
		}
		backend = backend.strip();
		if (backend.endsWith("/")) {
			backend = backend.substring(0, backend.length() - 1);
		}
		Reconciliations.Start start = this.reconciliations.startByAdmin(backend);
		if (start.refusal() == Reconciliations.Refusal.NOT_OPENEDX) {
			throw ApiProblem.badRequest(this.targets.isBackend(backend)
					? "LMS backend '" + backend + "' is not an openedx backend: only those can be reconciled."
					: "Unknown 'lms_backend': no LMS backend has this base URL.");
		}
		if (start.refusal() == Reconciliations.Refusal.RUNNING) {
			throw ApiProblem.conflict("A reconciliation of this backend is running"
					+ ((start.running() != null) ? ": " + PATH + "/" + start.running() : "") + ".");
		}
		URI location = URI.create(PATH + "/" + start.id());
		return ResponseEntity.accepted().location(location).body(this.store.find(start.id()).orElse(null));
	}

	@Operation(operationId = "getReconciliation", summary = "A reconciliation's report")
	@Problems(404)
	@GetMapping(PATH + "/{id}")
	ReportView get(@PathVariable UUID id) {
		return this.store.find(id).orElseThrow(() -> ApiProblem.notFound("No reconciliation with this id."));
	}

	@Operation(operationId = "listReconciliations", summary = "Reconciliation reports, newest first, paged")
	@GetMapping(PATH)
	PageView<ReportView> list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw ApiProblem.badRequest("Invalid 'page': expected an integer from 0.");
		}
		if (size < 1 || size > 100) {
			throw ApiProblem.badRequest("Invalid 'size': expected an integer from 1 to 100.");
		}
		List<ReportView> items = this.store.page(page, size);
		long total = this.store.count();
		return new PageView<>(items, page, size, total, (int) ((total + size - 1) / size));
	}

}
