package org.coursesync.console;

import org.coursesync.system.ApiProblem;

import org.springframework.beans.factory.ObjectProvider;
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

	private final ObjectProvider<RoleHierarchy> hierarchy;

	ConsoleModel(ObjectProvider<RoleHierarchy> hierarchy) {
		this.hierarchy = hierarchy;
	}

	@ModelAttribute
	void user(Authentication user, Model model) {
		RoleHierarchy roles = this.hierarchy.getIfAvailable();
		model.addAttribute("username", (user != null) ? user.getName() : null);
		model.addAttribute("canEdit", ConsoleRoles.canEdit(user, roles));
		model.addAttribute("canDelete", ConsoleRoles.canDelete(user, roles));
	}

	@ExceptionHandler(ApiProblem.class)
	String problem(ApiProblem problem, Model model, HttpServletResponse response) {
		response.setStatus(problem.status().value());
		model.addAttribute("status", problem.status().value());
		model.addAttribute("detail", problem.getMessage());
		return "admin/problem";
	}

}
