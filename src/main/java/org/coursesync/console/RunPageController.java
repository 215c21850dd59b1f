package org.coursesync.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.coursesync.admin.CourseRunAdmin;
import org.coursesync.admin.CourseRunAdmin.RunDetail;
import org.coursesync.course.CourseRuns;
import org.coursesync.synclog.SyncEventFilter;
import org.coursesync.synclog.SyncEventView;
import org.coursesync.synclog.SyncEvents;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.PageView;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The run page: the edit form (checked by the admin API's rules, errors beside their
 * fields), the draft and the public copy side by side, and the run's sync history.
 */
@Controller
class RunPageController {

	static final int HISTORY_SIZE = 20;

	private final CourseRunAdmin runs;

	private final CourseRuns courseRuns;

	private final SyncEvents events;

	RunPageController(CourseRunAdmin runs, CourseRuns courseRuns, SyncEvents events) {
		this.runs = runs;
		this.courseRuns = courseRuns;
		this.events = events;
	}

	@GetMapping("/admin/runs/{id}")
	String show(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page, Model model) {
		RunDetail detail = this.runs.get(id);
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", RunForm.of(detail.run()));
		}
		fill(model, id, detail, page);
		return "admin/run";
	}

	@PostMapping("/admin/runs/{id}")
	ModelAndView edit(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> body, Model model,
			RedirectAttributes redirect) {
		RunDetail current = this.runs.get(id);
		Map<String, String> sent = new LinkedHashMap<>();
		for (String name : RunFields.ALL) {
			String value = body.getFirst(name);
			if (value != null) {
				sent.put(name, value);
			}
		}
		ObjectNode patch = RunForm.patch(current.run(), sent);
		if (patch.isEmpty()) {
			redirect.addFlashAttribute("notice", "Nothing changed.");
			return new ModelAndView("redirect:/admin/runs/" + id);
		}
		try {
			this.runs.patch(id, patch);
		}
		catch (ApiProblem problem) {
			if (problem.status() == HttpStatus.NOT_FOUND) {
				throw problem;
			}
			// A conflict (a link already taken) belongs to no single input: shown above
			// the form.
			String error = problem.errors().isEmpty() ? problem.getMessage() : null;
			model.addAttribute("form", RunForm.of(current.run(), sent, problem.errors(), error));
			fill(model, id, current, 0);
			return new ModelAndView("admin/run", model.asMap(),
					(problem.status() == HttpStatus.CONFLICT) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
		}
		redirect.addFlashAttribute("notice", "Saved: " + String.join(", ", patch.propertyNames()) + ".");
		return new ModelAndView("redirect:/admin/runs/" + id);
	}

	private void fill(Model model, UUID id, RunDetail detail, int page) {
		model.addAttribute("section", "courses");
		model.addAttribute("run", detail.run());
		model.addAttribute("courseCode",
				this.courseRuns.run(id).map((run) -> this.courseRuns.courseCode(run.getCourseId())).orElse(null));
		model.addAttribute("copies", RunCopies.of(detail.run(), detail.publicRun()));
		if (page < 0) {
			throw ApiProblem.badRequest("Invalid 'page': expected an integer from 0.");
		}
		// The admin API's history query, on the run's index (sync_event_run).
		SyncEventFilter filter = new SyncEventFilter(null, null, null, null, id, null, null);
		PageView<SyncEventView> history = this.events.page(filter, page, HISTORY_SIZE);
		model.addAttribute("history", HistoryPageController.rows(history.items()));
		model.addAttribute("historyPager", Pager.of(history, "page"));
	}

}
