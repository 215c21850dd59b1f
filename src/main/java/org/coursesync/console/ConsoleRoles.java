package org.coursesync.console;

import java.util.Collection;
import java.util.Set;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The roles the console checks: a viewer reads, an editor also writes and publishes, an
 * admin also deletes. Checked against the authorities a role hierarchy reaches when there
 * is one, and against the role lists otherwise.
 */
final class ConsoleRoles {

	static final String VIEWER = "VIEWER";

	static final String EDITOR = "EDITOR";

	static final String ADMIN = "ADMIN";

	static final String[] READERS = { VIEWER, EDITOR, ADMIN };

	static final String[] EDITORS = { EDITOR, ADMIN };

	private ConsoleRoles() {
	}

	static boolean canEdit(Authentication user, RoleHierarchy hierarchy) {
		return hasAny(user, hierarchy, Set.of("ROLE_" + EDITOR, "ROLE_" + ADMIN));
	}

	static boolean canDelete(Authentication user, RoleHierarchy hierarchy) {
		return hasAny(user, hierarchy, Set.of("ROLE_" + ADMIN));
	}

	private static boolean hasAny(Authentication user, RoleHierarchy hierarchy, Set<String> wanted) {
		if (user == null) {
			return false;
		}
		Collection<? extends GrantedAuthority> held = (hierarchy != null)
				? hierarchy.getReachableGrantedAuthorities(user.getAuthorities()) : user.getAuthorities();
		return held.stream().map(GrantedAuthority::getAuthority).anyMatch(wanted::contains);
	}

}
