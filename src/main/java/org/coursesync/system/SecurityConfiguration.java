package org.coursesync.system;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what: the sync endpoint and the catalog API check their own credentials
 * (signature, subscription key); admin endpoints and metrics need the admin login (HTTP
 * Basic); health and the API description are open; everything else is closed.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The sync endpoint authenticates every request itself, by signature, in a servlet
	 * filter that runs before Spring Security: the security filter chain would only cost
	 * CPU on the hottest path. The firewall still applies.
	 */
	@Bean
	WebSecurityCustomizer signedEndpointsBypassTheFilterChain() {
		return (web) -> web.ignoring().requestMatchers("/api/*/course-runs-sync", "/api/*/course-runs-sync/");
	}

	/**
	 * Failed logins, counted in the database for every instance; the console's login uses
	 * the same bean.
	 */
	@Bean
	LoginAttempts loginAttempts(DataSource dataSource, Clock clock, UserDetailsService users) {
		return new LoginAttempts(new LoginBucketStore(dataSource, clock, Duration.ofSeconds(5)), (name) -> {
			try {
				return users.loadUserByUsername(name) != null;
			}
			catch (UsernameNotFoundException ex) {
				return false;
			}
		}, clock);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
			LoginAttempts attempts) throws Exception {
		// Not a bean: a Filter bean would also be registered for every path, the sync
		// endpoint included.
		LoginThrottleFilter throttle = new LoginThrottleFilter(attempts);
		http.addFilterBefore(throttle, BasicAuthenticationFilter.class)
			.addFilterAfter(throttle.acceptedLogins(), BasicAuthenticationFilter.class)
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint))
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers(HttpMethod.GET, "/api/*/catalogs/*/course-runs")
						.permitAll()
						.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
						.permitAll()
						.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
						.permitAll()
						.requestMatchers("/api/admin/**", "/actuator/**")
						.hasRole("ADMIN")
						.anyRequest()
						.authenticated())
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService adminUser(AdminProperties properties, PasswordEncoder encoder) {
		AdminProperties.Admin admin = properties.admin();
		if (admin.password() == null || admin.password().isBlank()) {
			throw new IllegalStateException("coursesync.admin.password is not set: set it (environment variable "
					+ "COURSESYNC_ADMIN_PASSWORD) to a strong password; only the dev profile has a default");
		}
		if (admin.username() == null || admin.username().isBlank()) {
			throw new IllegalStateException("coursesync.admin.username is blank: set the admin user name");
		}
		if (admin.username().contains(":")) {
			throw new IllegalStateException("coursesync.admin.username contains ':': HTTP Basic splits the login "
					+ "at the first colon, so this user could never log in");
		}
		// A value already encoded ("{bcrypt}...") is used as is; a plain one is hashed
		// once here.
		String password = admin.password().startsWith("{") ? checkEncoded(admin.password(), encoder)
				: encoder.encode(admin.password());
		return new InMemoryUserDetailsManager(
				User.withUsername(admin.username()).password(password).roles("ADMIN").build());
	}

	/**
	 * An encoded password must be one this application can check, and not blank
	 * ({@code {noop}} followed by spaces would be a password of spaces).
	 */
	private static String checkEncoded(String encoded, PasswordEncoder encoder) {
		int end = encoded.indexOf('}');
		if (end < 0 || encoded.substring(end + 1).isBlank()) {
			throw new IllegalStateException("coursesync.admin.password starts with '{' but holds no encoded "
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
			throw new IllegalStateException("coursesync.admin.password is not a hash this application can check "
					+ "(unknown {id} or malformed hash): use {bcrypt}$2a$...; a plain password must not start with '{'");
		}
		return encoded;
	}

}
