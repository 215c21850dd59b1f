package org.coursesync.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who log in, from {@code coursesync.admin.users} and the older
 * {@code coursesync.admin.username}/{@code password} pair (one {@code admin}), checked at
 * start-up: at least one admin, unique user names, passwords this application can check.
 * The one {@link UserDetailsService} of the application: the admin API and the console
 * log in the same users.
 */
@Configuration(proxyBeanMethods = false)
class AdminUsers {

	/**
	 * admin implies editor, editor implies viewer: {@code hasRole("VIEWER")} admits all.
	 */
	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(Role.ADMIN.name())
			.implies(Role.EDITOR.name())
			.role(Role.EDITOR.name())
			.implies(Role.VIEWER.name())
			.build();
	}

	@Bean
	UserDetailsService users(AdminProperties properties, PasswordEncoder encoder) {
		AdminProperties.Admin admin = properties.admin();
		List<UserDetails> users = new ArrayList<>();
		// Lower case: the user store ignores letter case, so "Alice" and "alice" would be
		// one login.
		Map<String, String> keys = new HashMap<>();
		boolean legacyAdmin = admin.password() != null && !admin.password().isBlank();
		if (legacyAdmin) {
			users.add(user("coursesync.admin.username", "coursesync.admin.password", admin.username(), admin.password(),
					Role.ADMIN, encoder));
			keys.put(admin.username().toLowerCase(Locale.ROOT), "coursesync.admin.username");
		}
		for (int i = 0; i < admin.users().size(); i++) {
			AdminProperties.User user = admin.users().get(i);
			String key = "coursesync.admin.users[" + i + "]";
			if (user == null) {
				throw new IllegalStateException(key + " is empty: give username, password and role");
			}
			if (user.role() == null) {
				throw new IllegalStateException(key + ".role is not set: viewer, editor or admin");
			}
			users.add(
					user(key + ".username", key + ".password", user.username(), user.password(), user.role(), encoder));
			String other = keys.putIfAbsent(user.username().toLowerCase(Locale.ROOT), key + ".username");
			if (other != null) {
				throw new IllegalStateException(
						key + ".username: '" + user.username() + "' is already the user name of " + other
								+ " (letter case ignored): give each user a name of its own");
			}
		}
		if (users.stream()
			.noneMatch((user) -> user.getAuthorities()
				.stream()
				.anyMatch((authority) -> Role.ADMIN.authority().equals(authority.getAuthority())))) {
			throw new IllegalStateException("coursesync.admin.password is not set and no coursesync.admin.users "
					+ "entry has the role admin: set it (environment variable COURSESYNC_ADMIN_PASSWORD) to a strong "
					+ "password, or add a user with role admin; only the dev profile has a default");
		}
		return new InMemoryUserDetailsManager(users);
	}

	private static UserDetails user(String usernameKey, String passwordKey, String username, String password, Role role,
			PasswordEncoder encoder) {
		if (username == null || username.isBlank()) {
			throw new IllegalStateException(usernameKey + " is blank: set the user name");
		}
		if (username.contains(":")) {
			throw new IllegalStateException(usernameKey + " contains ':': HTTP Basic splits the login "
					+ "at the first colon, so this user could never log in");
		}
		if (password == null || password.isBlank()) {
			throw new IllegalStateException(passwordKey + " is not set: give this user a strong password");
		}
		// A value already encoded ("{bcrypt}...") is used as is; a plain one is hashed
		// once here.
		String encoded = password.startsWith("{") ? checkEncoded(passwordKey, password, encoder)
				: encoder.encode(password);
		return User.withUsername(username).password(encoded).roles(role.name()).build();
	}

	/**
	 * An encoded password must be one this application can check, and not blank
	 * ({@code {noop}} followed by spaces would be a password of spaces).
	 */
	private static String checkEncoded(String key, String encoded, PasswordEncoder encoder) {
		int end = encoded.indexOf('}');
		if (end < 0 || encoded.substring(end + 1).isBlank()) {
			throw new IllegalStateException(key + " starts with '{' but holds no encoded "
					+ "password after its {id}: give a hash such as {bcrypt}$2a$10$..., or a plain password");
		}
		try {
			// Throws now instead of at every login: upgradeEncoding checks the shape of
			// a bcrypt hash, matches an unknown {id} or another encoder's hash.
			encoder.upgradeEncoding(encoded);
			encoder.matches("probe", encoded);
		}
		catch (IllegalArgumentException ex) {
			// Neither the id nor the cause is quoted: a plain password starting with
			// '{' would be printed.
			throw new IllegalStateException(key + " is not a hash this application can check "
					+ "(unknown {id} or malformed hash): use {bcrypt}$2a$...; a plain password must not start with '{'");
		}
		return encoded;
	}

}
