package org.coursesync.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page and the dashboard.
 */
@Controller
class DashboardController {

	private final DashboardQueries queries;

	DashboardController(DashboardQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/admin")
	String root() {
		return "redirect:/admin/";
	}

	@GetMapping("/admin/")
	String dashboard(Model model) {
		model.addAttribute("section", "dashboard");
		model.addAttribute("dashboard", this.queries.dashboard());
		return "admin/dashboard";
	}

	@GetMapping(ConsoleSecurityConfiguration.LOGIN)
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			@RequestParam(required = false) String throttled, Model model) {
		model.addAttribute("error", error != null);
		model.addAttribute("loggedOut", logout != null);
		model.addAttribute("throttled", throttled != null);
		return "admin/login";
	}

}
