package org.coursesync.system;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin login's part of {@code coursesync.*}; {@link SecurityConfiguration} refuses
 * at start-up a login that cannot work, naming the key.
 *
 * @param admin the admin login
 */
@Validated
@ConfigurationProperties("coursesync")
public record AdminProperties(@DefaultValue @Valid Admin admin) {

	/**
	 * The admin login (HTTP Basic). No default password outside the dev profile.
	 *
	 * @param username admin user name
	 * @param password admin password; start-up fails when it is blank
	 */
	public record Admin(@DefaultValue("admin") String username, String password) {
	}

}
