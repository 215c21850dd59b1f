package org.coursesync.synclog;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coursesync.system.AdminApi;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The configured LMS backends with what each pushed lately: where an admin sees that an
 * LMS stopped getting through (a wrong secret leaves no accepted sync).
 */
@Tag(name = "LMS backends", description = "The configured LMS backends and their delivery figures")
@AdminApi
@RestController
class LmsBackendController {

	private final LmsBackendActivity activity;

	LmsBackendController(LmsBackendActivity activity) {
		this.activity = activity;
	}

	/** The backends in configuration order. */
	record Backends(List<BackendActivity> items) {

	}

	@Operation(operationId = "listLmsBackends", summary = "Each configured LMS backend and its recent syncs")
	@GetMapping("/api/admin/lms-backends")
	Backends list() {
		return new Backends(this.activity.backends());
	}

}
