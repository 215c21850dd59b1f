package org.coursesync.bench;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The trivial endpoint checks its signature itself, as the sync endpoint does: it skips
 * the security filter chain so that the benchmark's ceiling pays the same security cost.
 * Compiled only with {@code -Pbench}, active only in the {@code bench} profile.
 */
@Profile("bench")
@Configuration(proxyBeanMethods = false)
class BenchSecurityConfiguration {

	@Bean
	WebSecurityCustomizer trivialEndpointBypassesTheFilterChain() {
		return (web) -> web.ignoring().requestMatchers(HttpMethod.POST, "/bench/trivial-sync");
	}

}
