package org.coursesync.console;

import java.util.List;

import org.coursesync.course.CourseFilter;
import org.coursesync.course.CourseService;
import org.coursesync.course.CourseSummary;
import org.coursesync.system.PageView;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * The courses page's query: one page of courses matching the form's filters, through the
 * service and the filter rules of the admin API's list.
 */
@Service
class CourseSearch {

	static final int PAGE_SIZE = 25;

	/**
	 * The form's fields: the admin API's query parameters, so that its errors name them.
	 */
	static final List<String> FIELDS = List.of("code_prefix", "q", "published", "unpublished_changes");

	private final CourseService courses;

	CourseSearch(CourseService courses) {
		this.courses = courses;
	}

	/** A page of courses; a 400 {@code ApiProblem} naming the field of a bad value. */
	PageView<CourseSummary> find(Form form, int page) {
		CourseFilter filter = CourseFilter.parse(form.codePrefix(), form.q(), form.published(),
				form.unpublishedChanges());
		return this.courses.list(filter,
				PageRequest.of(Math.max(page, 0), PAGE_SIZE, Sort.by("code").and(Sort.by("id"))));
	}

	/**
	 * The form's values as typed (blank: no filter). Public: the template reads it.
	 *
	 * @param codePrefix the start of the code
	 * @param q words the title's words start with
	 * @param published {@code true}, {@code false} or blank
	 * @param unpublishedChanges {@code true}, {@code false} or blank
	 */
	public record Form(String codePrefix, String q, String published, String unpublishedChanges) {

		/** The field a refusal's message names ({@code 'code_prefix'}...), if any. */
		static String fieldOf(String message) {
			return FIELDS.stream().filter((name) -> message.contains("'" + name + "'")).findFirst().orElse(null);
		}

	}

}
