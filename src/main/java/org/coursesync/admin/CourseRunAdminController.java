package org.coursesync.admin;

import java.net.URI;
import java.util.UUID;

import org.coursesync.system.AdminApi;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Draft runs for catalog admins: create by hand, show, edit (JSON merge patch), delete.
 */
@AdminApi
@RestController
class CourseRunAdminController {

	private final CourseRunAdmin runs;

	CourseRunAdminController(CourseRunAdmin runs) {
		this.runs = runs;
	}

	@PostMapping("/api/admin/courses/{code}/runs")
	ResponseEntity<CourseRunAdmin.RunDetail> create(@PathVariable String code,
			@RequestBody(required = false) JsonNode body) {
		CourseRunAdmin.RunDetail run = this.runs.create(code, body);
		return ResponseEntity.created(URI.create("/api/admin/course-runs/" + run.run().id())).body(run);
	}

	@GetMapping("/api/admin/course-runs/{id}")
	CourseRunAdmin.RunDetail get(@PathVariable UUID id) {
		return this.runs.get(id);
	}

	@PatchMapping(path = "/api/admin/course-runs/{id}",
			consumes = { "application/merge-patch+json", "application/json" })
	CourseRunAdmin.RunDetail patch(@PathVariable UUID id, @RequestBody(required = false) JsonNode patch) {
		return this.runs.patch(id, patch);
	}

	@DeleteMapping("/api/admin/course-runs/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.runs.delete(id);
		return ResponseEntity.noContent().build();
	}

}
