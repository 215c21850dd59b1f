package org.coursesync.console;

import java.util.Collection;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Whether the signed-in person holds a role, through the role hierarchy when there is one
 * (an admin is also an editor): decides which buttons a page shows, and refuses a POST
 * sent without them (a forged form) with a 403.
 */
@Component
class PageRoles {

	private final ObjectProvider<RoleHierarchy> hierarchy;

	PageRoles(ObjectProvider<RoleHierarchy> hierarchy) {
		this.hierarchy = hierarchy;
	}

	/** Whether {@code user} holds {@code role} ({@code EDITOR}, {@code ADMIN}...). */
	boolean has(Authentication user, String role) {
		if (user == null || !user.isAuthenticated()) {
			return false;
		}
		Collection<? extends GrantedAuthority> held = user.getAuthorities();
		RoleHierarchy roles = this.hierarchy.getIfAvailable();
		if (roles != null) {
			held = roles.getReachableGrantedAuthorities(held);
		}
		String wanted = "ROLE_" + role;
		return held.stream().anyMatch((authority) -> wanted.equals(authority.getAuthority()));
	}

	/** Throws a 403 (Spring Security's access denied) unless {@code user} holds it. */
	void require(Authentication user, String role) {
		if (!has(user, role)) {
			throw new AccessDeniedException("This action needs the " + role.toLowerCase(Locale.ROOT) + " role.");
		}
	}

}
