package org.coursesync.console;

import java.util.Arrays;
import java.util.List;

import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsRegistry;
import org.coursesync.synclog.SyncEventFilter;
import org.coursesync.synclog.SyncEventView;
import org.coursesync.synclog.SyncEvents;
import org.coursesync.synclog.SyncOutcome;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.PageView;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The sync history: newest first, filtered by outcome, LMS backend, course, link and time
 * range, each entry with its changed fields before and after. The queries are the admin
 * API's ({@link SyncEvents}), each filter on its own index, pages not counted.
 */
@Controller
class HistoryPageController {

	static final int PAGE_SIZE = 50;

	private final SyncEvents events;

	private final LmsRegistry backends;

	HistoryPageController(SyncEvents events, LmsRegistry backends) {
		this.events = events;
		this.backends = backends;
	}

	/**
	 * The filters as the form sends them: an empty input is no filter.
	 *
	 * @param outcome an outcome's name
	 * @param lmsBackend a backend's base URL
	 * @param course a course code
	 * @param link a resource link
	 * @param since an ISO-8601 instant or date
	 * @param until an ISO-8601 instant or date
	 * @param page the page, from 0
	 */
	public record Filters(String outcome, String lmsBackend, String course, String link, String since, String until,
			int page) {

		SyncEventFilter toFilter() {
			return SyncEventFilter.parse(blank(this.link), blank(this.lmsBackend), blank(this.outcome),
					blank(this.course), null, blank(this.since), blank(this.until));
		}

		private static String blank(String value) {
			return (value == null || value.isBlank()) ? null : value.strip();
		}

	}

	@GetMapping("/admin/history")
	ModelAndView history(@RequestParam(required = false) String outcome,
			@RequestParam(name = "lms_backend", required = false) String lmsBackend,
			@RequestParam(required = false) String course, @RequestParam(required = false) String link,
			@RequestParam(required = false) String since, @RequestParam(required = false) String until,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Filters filters = new Filters(outcome, lmsBackend, course, link, since, until, page);
		model.addAttribute("filters", filters);
		model.addAttribute("outcomes", Arrays.stream(SyncOutcome.values()).map(SyncOutcome::wireName).toList());
		model.addAttribute("backends", this.backends.backends().stream().map(LmsBackend::baseUrl).toList());
		try {
			PageView<SyncEventView> events = this.events.page(filters.toFilter(), filters.page(), PAGE_SIZE);
			model.addAttribute("rows", rows(events.items()));
			model.addAttribute("pager", Pager.of(events, "page"));
			return new ModelAndView("admin/history", model.asMap());
		}
		catch (ApiProblem problem) {
			model.addAttribute("error", problem.getMessage());
			model.addAttribute("rows", List.of());
			return new ModelAndView("admin/history", model.asMap(), HttpStatus.BAD_REQUEST);
		}
	}

	/** The console's rows of history entries. */
	static List<HistoryRow> rows(List<SyncEventView> events) {
		return events.stream()
			.map((event) -> new HistoryRow(event.receivedAt(), event.outcome(), event.source(), event.resourceLink(),
					event.lmsBackend(), event.courseCode(), event.courseRunId(), event.syncMode(),
					HistoryRow.changes(event.changes()), HistoryRow.errors(event.errors())))
			.toList();
	}

}
