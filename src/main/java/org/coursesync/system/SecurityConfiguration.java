package org.coursesync.system;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what: the sync endpoint and the catalog API check their own credentials
 * (signature, subscription key); admin endpoints and metrics need a login (HTTP Basic,
 * users from {@link AdminUsers}) with the role {@link AdminAccess} names; health and the
 * API description are open; everything else is closed.
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
	@Order(RequestOrder.API_SECURITY_CHAIN)
	SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemAuthenticationEntryPoint entryPoint,
			ProblemAccessDeniedHandler accessDenied, LoginAttempts attempts) throws Exception {
		// Not a bean: a Filter bean would also be registered for every path, the sync
		// endpoint included.
		LoginThrottleFilter throttle = new LoginThrottleFilter(attempts);
		http.addFilterBefore(throttle, BasicAuthenticationFilter.class)
			.addFilterAfter(throttle.acceptedLogins(), BasicAuthenticationFilter.class)
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(HttpMethod.GET, "/api/*/catalogs/*/course-runs")
					.permitAll()
					.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
					.permitAll()
					.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
					.permitAll();
				// Roles by method (AdminAccess); the role hierarchy (AdminUsers) lets a
				// higher role in.
				AdminAccess.RULES
					.forEach((rule) -> requests.requestMatchers(rule.matcher()).hasRole(rule.role().name()));
				requests.anyRequest().authenticated();
			})
			.formLogin((form) -> form.disable())
			.logout((logout) -> logout.disable());
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
