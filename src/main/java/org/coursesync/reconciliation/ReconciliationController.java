package org.coursesync.reconciliation;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.coursesync.system.AdminApi;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.PageView;

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
	record StartRequest(@JsonProperty("lms_backend") String lmsBackend) {
	}

	@PostMapping(PATH)
	ResponseEntity<ReportView> start(@RequestBody(required = false) StartRequest request) {
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

	@GetMapping(PATH + "/{id}")
	ReportView get(@PathVariable java.util.UUID id) {
		return this.store.find(id).orElseThrow(() -> ApiProblem.notFound("No reconciliation with this id."));
	}

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
