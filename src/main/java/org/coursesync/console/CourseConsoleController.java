package org.coursesync.console;

import java.util.List;
import java.util.Map;

import org.coursesync.admin.CoursePatch;
import org.coursesync.course.CourseService;
import org.coursesync.course.CourseView;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.PageView;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The courses pages: the list, a course (its fields, its runs beside their public
 * copies), its edit and its publish. Writes go through {@link CourseService}, as the
 * admin API's do.
 */
@Controller
class CourseConsoleController {

	private final CourseService courses;

	private final CourseSearch search;

	CourseConsoleController(CourseService courses, CourseSearch search) {
		this.courses = courses;
		this.search = search;
	}

	@GetMapping("/admin/courses")
	String list(@RequestParam(name = "code_prefix", required = false) String codePrefix,
			@RequestParam(required = false) String q, @RequestParam(required = false) String published,
			@RequestParam(name = "unpublished_changes", required = false) String unpublishedChanges,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
		CourseSearch.Form form = new CourseSearch.Form(codePrefix, q, published, unpublishedChanges);
		model.addAttribute("section", "courses");
		model.addAttribute("filter", form);
		Map<String, String> errors = Map.of();
		try {
			model.addAttribute("page", this.search.find(form, page));
		}
		catch (ApiProblem ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("page", new PageView<>(List.of(), 0, CourseSearch.PAGE_SIZE, 0, 0));
			String field = CourseSearch.Form.fieldOf(ex.getMessage());
			errors = Map.of((field != null) ? field : "form", ex.getMessage());
		}
		model.addAttribute("errors", errors);
		return "admin/courses";
	}

	@GetMapping("/admin/courses/{code}")
	String course(@PathVariable String code, @RequestParam(required = false) String saved,
			@RequestParam(required = false) String published, Model model) {
		CourseView course = this.courses.get(code);
		return coursePage(course, CourseForm.of(course), Map.of(),
				model.addAttribute("saved", saved != null).addAttribute("published", published != null));
	}

	@PostMapping("/admin/courses/{code}")
	String edit(@PathVariable String code, @RequestParam Map<String, String> request, Model model,
			HttpServletResponse response) {
		CourseForm form = CourseForm.posted(request);
		try {
			CourseView saved = this.courses.patch(code, (course) -> CoursePatch.apply(form.patch(), course));
			return "redirect:/admin/courses/" + UriUtils.encodePathSegment(saved.code(), "UTF-8") + "?saved";
		}
		catch (ApiProblem ex) {
			if (ex.errors().isEmpty()) {
				throw ex;
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			return coursePage(this.courses.get(code), form, ex.errors(), model);
		}
	}

	@GetMapping("/admin/courses/{code}/publish")
	String confirmPublish(@PathVariable String code, Model model) {
		CourseView course = this.courses.get(code);
		List<RunComparison> runs = RunComparison.of(course);
		model.addAttribute("section", "courses");
		model.addAttribute("course", course);
		model.addAttribute("changedRuns", runs.stream().filter((run) -> !run.status().equals("unchanged")).toList());
		return "admin/publish";
	}

	@PostMapping("/admin/courses/{code}/publish")
	String publish(@PathVariable String code) {
		CourseView course = this.courses.publish(code);
		return "redirect:/admin/courses/" + UriUtils.encodePathSegment(course.code(), "UTF-8") + "?published";
	}

	private String coursePage(CourseView course, CourseForm form, Map<String, List<String>> errors, Model model) {
		model.addAttribute("section", "courses");
		model.addAttribute("course", course);
		model.addAttribute("form", form);
		model.addAttribute("fields", CourseForm.FIELDS);
		model.addAttribute("errors", errors);
		model.addAttribute("runs", RunComparison.of(course));
		return "admin/course";
	}

}
