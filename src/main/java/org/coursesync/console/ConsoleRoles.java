package org.coursesync.console;

import java.util.Collection;

import org.coursesync.system.Role;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What a page may offer its user: a viewer reads, an editor also writes and publishes, an
 * admin also deletes. Checked against the authorities the role hierarchy reaches (an
 * admin is an editor too), as the console's chain checks them.
 */
final class ConsoleRoles {

	private ConsoleRoles() {
	}

	static boolean has(Authentication user, RoleHierarchy hierarchy, Role role) {
		if (user == null) {
			return false;
		}
		Collection<? extends GrantedAuthority> held = hierarchy.getReachableGrantedAuthorities(user.getAuthorities());
		return held.stream().anyMatch((authority) -> role.authority().equals(authority.getAuthority()));
	}

}
