package org.coursesync.console;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.coursesync.system.LoginAttempts;
import org.coursesync.system.LoginThrottleFilter;
import org.coursesync.system.RequestOrder;
import org.coursesync.system.Role;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RegexRequestMatcher;

/**
 * The console's own security chain, consulted before the API's: form login at
 * {@code /admin/login} (throttled like API logins), CSRF tokens, sessions kept in the
 * database by Spring Session. Reading needs {@code VIEWER}, writing and publishing
 * {@code EDITOR}, deleting {@code ADMIN} (the role hierarchy lets a higher role in);
 * {@code /api/admin/**} keeps its HTTP Basic chain and never reads these sessions.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

	static final String LOGIN = "/admin/login";

	@Bean
	@Order(RequestOrder.CONSOLE_SECURITY_CHAIN)
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, LoginAttempts attempts) throws Exception {
		http.securityMatcher("/admin", "/admin/**")
			.addFilterBefore(LoginThrottleFilter.formLogin(attempts, LOGIN), UsernamePasswordAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(LOGIN, "/admin/assets/**")
				.permitAll()
				.requestMatchers(RegexRequestMatcher.regexMatcher(HttpMethod.POST, "^/admin/.*/delete$"))
				.hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.POST, "/admin/reconciliations")
				.hasRole(Role.ADMIN.name())
				.requestMatchers(HttpMethod.POST, "/admin/logout")
				.authenticated()
				.requestMatchers("/admin/courses/*/publish")
				.hasRole(Role.EDITOR.name())
				.requestMatchers(HttpMethod.POST, "/admin/**")
				.hasRole(Role.EDITOR.name())
				.anyRequest()
				.hasRole(Role.VIEWER.name()))
			.formLogin((form) -> form.loginPage(LOGIN)
				.loginProcessingUrl(LOGIN)
				.defaultSuccessUrl("/admin/", false)
				.failureUrl(LOGIN + "?error"))
			.logout((logout) -> logout.logoutUrl("/admin/logout").logoutSuccessUrl(LOGIN + "?logout"))
			.exceptionHandling((exceptions) -> exceptions.accessDeniedHandler(forbidden()))
			.httpBasic((basic) -> basic.disable());
		return http.build();
	}

	/**
	 * A plain 403 page (the error page would go through the API's chain): a viewer's
	 * forged write, or a write without its CSRF token.
	 */
	private static AccessDeniedHandler forbidden() {
		return (request, response, denied) -> {
			response.setStatus(403);
			response.setContentType("text/html;charset=UTF-8");
			response.getOutputStream()
				.write(("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden</title>"
						+ "<link rel=\"stylesheet\" href=\"/admin/assets/console.css\"></head><body><main id=\"main\">"
						+ "<h1>Forbidden</h1><p class=\"error\">Your role does not allow this, or the form expired: "
						+ "go back, reload the page and try again.</p><p><a href=\"/admin/\">Dashboard</a></p>"
						+ "</main></body></html>")
					.getBytes(StandardCharsets.UTF_8));
		};
	}

	/**
	 * Spring Session's filter only where sessions are used: the console. The sync
	 * endpoint and the APIs never pay for it, nor read a session cookie.
	 */
	@Bean
	static BeanPostProcessor sessionFilterOnConsolePaths() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
				if (bean instanceof DelegatingFilterProxyRegistrationBean registration
						&& "springSessionRepositoryFilter".equals(registration.getFilterName())) {
					registration.setUrlPatterns(List.of("/admin/*"));
				}
				return bean;
			}

		};
	}

}
