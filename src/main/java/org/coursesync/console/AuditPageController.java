package org.coursesync.console;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.coursesync.audit.AuditAction;
import org.coursesync.audit.AuditEventView;
import org.coursesync.audit.AuditLog;
import org.coursesync.audit.AuditQuery;
import org.coursesync.course.CourseService;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.Instants;
import org.coursesync.system.PageView;
import org.coursesync.system.Paging;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The audit log: every write by a person, newest first, filtered by user, action, course
 * and time range, each with its changed fields before and after. Read through the admin
 * API's service ({@link AuditLog}), whose filters each have an index.
 */
@Controller
class AuditPageController {

	static final int PAGE_SIZE = 50;

	private final AuditLog audit;

	AuditPageController(AuditLog audit) {
		this.audit = audit;
	}

	/**
	 * The filters as the form sends them: an empty input is no filter.
	 *
	 * @param user a user name
	 * @param action an action's name ({@code run.update}...)
	 * @param course a course code
	 * @param since an ISO-8601 instant or date
	 * @param until an ISO-8601 instant or date
	 */
	public record Filters(String user, String action, String course, String since, String until) {

		AuditQuery toQuery() {
			String action = blank(this.action);
			AuditAction wanted = (action != null) ? AuditAction.fromWireName(action)
				.orElseThrow(() -> ApiProblem.badRequest("Invalid action: choose one from the list.")) : null;
			String course = blank(this.course);
			return new AuditQuery(blank(this.user), wanted, (course != null) ? CourseService.code(course) : null,
					instant("since", blank(this.since)), instant("until", blank(this.until)));
		}

		private static String blank(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

		/**
		 * An instant, or a date meaning its midnight UTC, as the admin API reads them.
		 */
		private static Instant instant(String name, String value) {
			if (value == null) {
				return null;
			}
			try {
				return Instants.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw ApiProblem.badRequest("Invalid '" + name
						+ "': expected an instant such as 2030-01-01T00:00:00Z or a date such as 2030-01-01.");
			}
		}

	}

	@GetMapping("/admin/audit")
	ModelAndView audit(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
			@RequestParam(required = false) String course, @RequestParam(required = false) String since,
			@RequestParam(required = false) String until, @RequestParam(defaultValue = "0") int page, Model model) {
		Filters filters = new Filters(user, action, course, since, until);
		model.addAttribute("section", "audit");
		model.addAttribute("filters", filters);
		model.addAttribute("actions", Arrays.stream(AuditAction.values()).map(AuditAction::wireName).toList());
		try {
			PageView<AuditEventView> events = PageView.of(this.audit.find(filters.toQuery(),
					Paging.of(page, PAGE_SIZE, PAGE_SIZE, null, Map.of(), Sort.unsorted())));
			model.addAttribute("rows", events.items().stream().map(AuditRow::of).toList());
			model.addAttribute("pager", Pager.of(events, "page"));
			return new ModelAndView("admin/audit", model.asMap());
		}
		catch (ApiProblem problem) {
			model.addAttribute("error", problem.getMessage());
			model.addAttribute("rows", List.of());
			return new ModelAndView("admin/audit", model.asMap(), HttpStatus.BAD_REQUEST);
		}
	}

}
