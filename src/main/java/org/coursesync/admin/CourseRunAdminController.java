package org.coursesync.admin;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.system.AdminApi;
import org.coursesync.system.Problems;

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
@Tag(name = "Course runs", description = "Draft runs edited by hand, for catalog admins")
@AdminApi
@RestController
class CourseRunAdminController {

	private final CourseRunAdmin runs;

	private final RunPayloadValidator validator;

	CourseRunAdminController(CourseRunAdmin runs, RunPayloadValidator validator) {
		this.runs = runs;
		this.validator = validator;
	}

	@Operation(operationId = "createCourseRun", summary = "Create a draft run by hand (any sync mode)",
			description = "Needs languages. The run starts in sync mode manual unless sync_mode says otherwise.")
	@ApiResponse(responseCode = "201", description = "Created; Location is the run")
	@Problems({ 404, 409 })
	@PostMapping("/api/admin/courses/{code}/runs")
	ResponseEntity<CourseRunAdmin.RunDetail> create(@Parameter(example = "DemoX") @PathVariable String code,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(
					content = @Content(examples = @ExampleObject(RunRequest.CREATE_EXAMPLE))) @RequestBody(
							required = false) RunRequest body) {
		RunEdit.Changes changes = RunEdit.changes(body, this.validator, true);
		CourseRunAdmin.RunDetail run = this.runs.create(code, changes);
		return ResponseEntity.created(URI.create("/api/admin/course-runs/" + run.run().id())).body(run);
	}

	@Operation(operationId = "getCourseRun", summary = "A draft run with its public copy")
	@Problems(404)
	@GetMapping("/api/admin/course-runs/{id}")
	CourseRunAdmin.RunDetail get(@PathVariable UUID id) {
		return this.runs.get(id);
	}

	@Operation(operationId = "patchCourseRun", summary = "Edit a draft run (JSON merge patch)",
			description = "A key present is set, null clears it, an absent key is left alone. Marks the course "
					+ "as having unpublished changes the way a sync does.")
	@Problems({ 404, 409 })
	@PatchMapping(path = "/api/admin/course-runs/{id}",
			consumes = { "application/merge-patch+json", "application/json" })
	CourseRunAdmin.RunDetail patch(@PathVariable UUID id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
					@Content(mediaType = "application/merge-patch+json",
							examples = @ExampleObject(RunRequest.PATCH_EXAMPLE)),
					@Content(mediaType = "application/json",
							examples = @ExampleObject(RunRequest.PATCH_EXAMPLE)) }) @RequestBody(
									required = false) RunRequest patch) {
		return this.runs.patch(id, RunEdit.changes(patch, this.validator, false));
	}

	@Operation(operationId = "deleteCourseRun",
			summary = "Delete a draft run (its public copy stays until the next publish)")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@Problems(404)
	@DeleteMapping("/api/admin/course-runs/{id}")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.runs.delete(id);
		return ResponseEntity.noContent().build();
	}

}
