package org.coursesync.console;

import org.coursesync.system.ApiProblem;
import org.coursesync.system.Role;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What every console page's layout reads ({@code username}, {@code canEdit},
 * {@code canDelete}), and the console's error page for a service's refusal (unknown
 * course, conflict).
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

	private final RoleHierarchy hierarchy;

	ConsoleModel(RoleHierarchy hierarchy) {
		this.hierarchy = hierarchy;
	}

	@ModelAttribute
	void user(Authentication user, Model model) {
		model.addAttribute("username", (user != null) ? user.getName() : null);
		model.addAttribute("canEdit", ConsoleRoles.has(user, this.hierarchy, Role.EDITOR));
		model.addAttribute("canDelete", ConsoleRoles.has(user, this.hierarchy, Role.ADMIN));
	}

	@ExceptionHandler(ApiProblem.class)
	String problem(ApiProblem problem, Model model, HttpServletResponse response) {
		response.setStatus(problem.status().value());
		model.addAttribute("status", problem.status().value());
		model.addAttribute("detail", problem.getMessage());
		return "admin/problem";
	}

}
