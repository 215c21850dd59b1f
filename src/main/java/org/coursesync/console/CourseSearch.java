package org.coursesync.console;

import org.coursesync.course.CourseService;
import org.coursesync.course.CourseSummary;
import org.coursesync.system.PageView;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * The courses page's query: one page of courses matching the form's filters, through the
 * service the admin API's list uses.
 */
@Service
class CourseSearch {

	static final int PAGE_SIZE = 25;

	private final CourseService courses;

	CourseSearch(CourseService courses) {
		this.courses = courses;
	}

	Page<CourseSummary> find(CourseFilter filter, int page) {
		PageRequest request = PageRequest.of(Math.max(page, 0), PAGE_SIZE, Sort.by("code"));
		Boolean changes = filter.unpublishedChanges();
		PageView<CourseSummary> found = this.courses.list(org.coursesync.course.CourseFilter.parse(filter.codePrefix(),
				null, null, (changes != null) ? changes.toString() : null), request);
		return new PageImpl<>(found.items(), request, found.totalItems());
	}

	/**
	 * The courses page's filters, as the form sends them (blank: no filter).
	 *
	 * @param code a code prefix
	 * @param changes {@code yes}, {@code no} or blank: with unpublished changes or not
	 */
	public record CourseFilter(String code, String changes) {

		String codePrefix() {
			return (this.code == null || this.code.isBlank()) ? null : this.code.strip();
		}

		Boolean unpublishedChanges() {
			if ("yes".equals(this.changes)) {
				return true;
			}
			return "no".equals(this.changes) ? false : null;
		}

	}

}
