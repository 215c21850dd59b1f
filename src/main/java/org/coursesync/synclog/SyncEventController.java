package org.coursesync.synclog;

import org.coursesync.system.AdminApi;
import org.coursesync.system.PageView;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sync history for admins: newest first, filtered by link, LMS backend, outcome,
 * course, run and time.
 */
@AdminApi
@RestController
class SyncEventController {

	private final SyncEvents events;

	SyncEventController(SyncEvents events) {
		this.events = events;
	}

	@GetMapping("/api/admin/sync-events")
	PageView<SyncEventView> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size,
			@RequestParam(name = "resource_link", required = false) String resourceLink,
			@RequestParam(name = "lms_backend", required = false) String lmsBackend,
			@RequestParam(required = false) String outcome,
			@RequestParam(name = "course_code", required = false) String courseCode,
			@RequestParam(name = "course_run_id", required = false) String courseRunId,
			@RequestParam(required = false) String since, @RequestParam(required = false) String until) {
		return this.events.page(
				SyncEventFilter.parse(resourceLink, lmsBackend, outcome, courseCode, courseRunId, since, until), page,
				size);
	}

}
