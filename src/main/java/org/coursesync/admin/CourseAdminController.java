package org.coursesync.admin;

import java.net.URI;
import java.util.Map;

import org.coursesync.course.CourseFilter;
import org.coursesync.course.CourseService;
import org.coursesync.course.CourseSummary;
import org.coursesync.course.CourseView;
import org.coursesync.system.AdminApi;
import org.coursesync.system.PageView;
import org.coursesync.system.Paging;
import tools.jackson.databind.JsonNode;

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

	@PostMapping
	ResponseEntity<CourseView> create(@RequestBody(required = false) JsonNode body) {
		CoursePatch.NewCourse created = CoursePatch.creation(body);
		CourseView course = this.courses.create(created.code(), created.title());
		return ResponseEntity.created(URI.create("/api/admin/courses/" + course.code())).body(course);
	}

	@GetMapping
	PageView<CourseSummary> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, @RequestParam(required = false) String sort,
			@RequestParam(name = "code_prefix", required = false) String codePrefix,
			@RequestParam(required = false) String q, @RequestParam(required = false) String published,
			@RequestParam(name = "unpublished_changes", required = false) String unpublishedChanges) {
		return this.courses.list(CourseFilter.parse(codePrefix, q, published, unpublishedChanges),
				Paging.of(page, size, 100, sort, SORTABLE, Sort.by("code")));
	}

	@GetMapping("/{code}")
	CourseView get(@PathVariable String code) {
		return this.courses.get(code);
	}

	@PatchMapping(path = "/{code}", consumes = { "application/merge-patch+json", "application/json" })
	CourseView patch(@PathVariable String code, @RequestBody(required = false) JsonNode patch) {
		return this.courses.patch(code, (course) -> CoursePatch.apply(patch, course));
	}

	@DeleteMapping("/{code}")
	ResponseEntity<Void> delete(@PathVariable String code) {
		this.courses.delete(code);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{code}/publish")
	CourseView publish(@PathVariable String code) {
		return this.courses.publish(code);
	}

}
