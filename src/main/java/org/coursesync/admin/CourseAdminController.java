package org.coursesync.admin;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coursesync.course.CourseFilter;
import org.coursesync.course.CourseService;
import org.coursesync.course.CourseSummary;
import org.coursesync.course.CourseView;
import org.coursesync.system.AdminApi;
import org.coursesync.system.PageView;
import org.coursesync.system.Paging;
import org.coursesync.system.Problems;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Courses for catalog admins: create, list, show, edit, delete, publish.
 */
@Tag(name = "Courses", description = "Courses and their publication, for catalog admins")
@AdminApi
@RestController
@RequestMapping("/api/admin/courses")
class CourseAdminController {

	private static final Map<String, String> SORTABLE = Map.of("code", "code", "title", "title", "created_at",
			"createdAt", "updated_at", "updatedAt");

	private final CourseService courses;

	CourseAdminController(CourseService courses) {
		this.courses = courses;
	}

	@Operation(operationId = "createCourse", summary = "Create a course",
			description = "The code is normalized as Richie normalizes course codes (DemoX -> DEMOX).")
	@ApiResponse(responseCode = "201", description = "Created; Location is the course")
	@Problems(409)
	@PostMapping
	ResponseEntity<CourseView> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(examples = @ExampleObject(NewCourseRequest.EXAMPLE))) @RequestBody(
					required = false) NewCourseRequest body) {
		CoursePatch.NewCourse created = CoursePatch.creation(body);
		CourseView course = this.courses.create(created.code(), created.title());
		return ResponseEntity.created(URI.create("/api/admin/courses/" + course.code())).body(course);
	}

	@Operation(operationId = "listCourses", summary = "List courses, paged")
	@GetMapping
	PageView<CourseSummary> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@RequestParam(name = "code_prefix", required = false) String codePrefix,
			@RequestParam(required = false) String q, @RequestParam(required = false) String published,
			@RequestParam(name = "unpublished_changes", required = false) String unpublishedChanges) {
		return this.courses.list(CourseFilter.parse(codePrefix, q, published, unpublishedChanges),
				Paging.of(page, size, 100, sort, SORTABLE, Sort.by("code")));
	}

	@Operation(operationId = "getCourse", summary = "A course with its draft and public runs")
	@Problems(404)
	@GetMapping("/{code}")
	CourseView get(@Parameter(example = "DemoX") @PathVariable String code) {
		return this.courses.get(code);
	}

	@Operation(operationId = "patchCourse", summary = "Edit a course (JSON merge patch)",
			description = "A key present is set, null clears it (except the title), an absent key is left alone.")
	@Problems(404)
	@PatchMapping(path = "/{code}", consumes = { "application/merge-patch+json", "application/json" })
	CourseView patch(@Parameter(example = "DemoX") @PathVariable String code,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
					@Content(mediaType = "application/merge-patch+json",
							examples = @ExampleObject(CoursePatchRequest.EXAMPLE)),
					@Content(mediaType = "application/json",
							examples = @ExampleObject(CoursePatchRequest.EXAMPLE)) }) @RequestBody(
									required = false) CoursePatchRequest patch) {
		CoursePatch.Changes changes = CoursePatch.changes(patch);
		return this.courses.patch(code, changes::applyTo);
	}

	@Operation(operationId = "deleteCourse", summary = "Delete a course that has no public runs")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@Problems({ 404, 409 })
	@DeleteMapping("/{code}")
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.courses.delete(code);
		return ResponseEntity.noContent().build();
	}

	@Operation(operationId = "publishCourse",
			summary = "Publish: public copy of the course and all its draft runs; clears unpublished changes")
	@Problems(404)
	@PostMapping("/{code}/publish")
	CourseView publish(@Parameter(example = "DemoX") @PathVariable String code) {
		return this.courses.publish(code);
	}

}
