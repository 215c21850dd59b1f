package org.coursesync.system;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The role each admin request needs, in one list that both the security chain and the 403
 * answer read: a viewer reads (every GET, metrics included), an editor also creates,
 * edits and publishes, an admin also deletes and starts reconciliations. The first rule
 * that matches wins; a method not listed needs an admin.
 */
final class AdminAccess {

	/** One rule: the requests {@code matcher} matches need {@code role}. */
	record Rule(RequestMatcher matcher, Role role) {

		/** Requests of {@code method} (any when null) on {@code path}. */
		static Rule of(HttpMethod method, String path, Role role) {
			return new Rule(PathPatternRequestMatcher.withDefaults().matcher(method, path), role);
		}

	}

	static final List<Rule> RULES = List.of(Rule.of(HttpMethod.GET, "/api/admin/**", Role.VIEWER),
			Rule.of(HttpMethod.HEAD, "/api/admin/**", Role.VIEWER),
			Rule.of(HttpMethod.GET, "/actuator/**", Role.VIEWER), Rule.of(HttpMethod.HEAD, "/actuator/**", Role.VIEWER),
			Rule.of(HttpMethod.POST, "/api/admin/reconciliations/**", Role.ADMIN),
			Rule.of(HttpMethod.POST, "/api/admin/**", Role.EDITOR),
			Rule.of(HttpMethod.PATCH, "/api/admin/**", Role.EDITOR),
			Rule.of(HttpMethod.PUT, "/api/admin/**", Role.EDITOR), Rule.of(null, "/api/admin/**", Role.ADMIN),
			Rule.of(null, "/actuator/**", Role.ADMIN));

	private AdminAccess() {
	}

	/** The role {@code request} needs; null outside the admin API and the metrics. */
	static Role required(HttpServletRequest request) {
		for (Rule rule : RULES) {
			if (rule.matcher().matches(request)) {
				return rule.role();
			}
		}
		return null;
	}

}
