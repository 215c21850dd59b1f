package org.coursesync.console;

import java.util.UUID;

import org.coursesync.reconciliation.ReconciliationReports;
import org.coursesync.reconciliation.ReconciliationReports.Started;
import org.coursesync.reconciliation.ReportView;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.PageView;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reconciliation reports (newest first), one report with every field, and the start
 * button, shown to admins only ({@code canDelete}); the security chain refuses the start
 * to anyone else (403).
 */
@Controller
class ReconciliationPageController {

	static final int PAGE_SIZE = 20;

	private final ReconciliationReports reports;

	ReconciliationPageController(ReconciliationReports reports) {
		this.reports = reports;
	}

	@GetMapping("/admin/reconciliations")
	String list(@RequestParam(defaultValue = "0") int page, Model model) {
		if (page < 0) {
			throw ApiProblem.badRequest("Invalid 'page': expected an integer from 0.");
		}
		model.addAttribute("section", "reconciliations");
		PageView<ReportView> reports = this.reports.page(page, PAGE_SIZE);
		model.addAttribute("reports", reports);
		model.addAttribute("pager", Pager.of(reports, "page"));
		model.addAttribute("backends", this.reports.backends());
		return "admin/reconciliations";
	}

	@GetMapping("/admin/reconciliations/{id}")
	String show(@PathVariable UUID id, Model model) {
		model.addAttribute("section", "reconciliations");
		model.addAttribute("report",
				this.reports.find(id).orElseThrow(() -> ApiProblem.notFound("No reconciliation with this id.")));
		return "admin/reconciliation";
	}

	@PostMapping("/admin/reconciliations")
	String start(@RequestParam(name = "lms_backend", required = false) String backend, RedirectAttributes redirect) {
		if (backend == null || backend.isBlank()) {
			redirect.addFlashAttribute("error", "Choose an LMS backend to reconcile.");
			return "redirect:/admin/reconciliations";
		}
		Started started = this.reports.start(backend.strip());
		if (started instanceof Started.Report report) {
			redirect.addFlashAttribute("notice", "Reconciliation started.");
			return "redirect:/admin/reconciliations/" + report.id();
		}
		if (started instanceof Started.Running running) {
			redirect.addFlashAttribute("error", "A reconciliation of this backend is running.");
			return (running.id() != null) ? "redirect:/admin/reconciliations/" + running.id()
					: "redirect:/admin/reconciliations";
		}
		redirect.addFlashAttribute("error", ((Started.Refused) started).reason());
		return "redirect:/admin/reconciliations";
	}

}
