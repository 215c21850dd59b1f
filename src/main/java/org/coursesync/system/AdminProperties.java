package org.coursesync.system;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin logins' part of {@code coursesync.*}; {@link AdminUsers} refuses at start-up
 * a login that cannot work, naming the key.
 *
 * @param admin the admin logins
 */
@Validated
@ConfigurationProperties("coursesync")
public record AdminProperties(@DefaultValue @Valid Admin admin) {

	/**
	 * The people who may call the admin API and use the console (HTTP Basic, form login).
	 * No default password outside the dev profile.
	 *
	 * @param username user name of the single admin login kept from before roles existed
	 * @param password its password; that admin exists only when it is set
	 * @param users the users, each with a role
	 */
	public record Admin(@DefaultValue("admin") String username, String password,
			@DefaultValue List<@Valid User> users) {
	}

	/**
	 * One user.
	 *
	 * @param username user name, unique (letter case ignored)
	 * @param password plain or encoded ({@code {bcrypt}...})
	 * @param role viewer, editor or admin
	 */
	public record User(String username, String password, Role role) {
	}

}
