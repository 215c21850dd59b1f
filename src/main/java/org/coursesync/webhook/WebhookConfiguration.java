package org.coursesync.webhook;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.system.CourseSyncProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Registers the sync filter ahead of everything else (Spring Security included), on the
 * API paths only.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	SyncRejections syncRejections(JsonMapper jsonMapper, MeterRegistry meterRegistry) {
		return new SyncRejections(jsonMapper, meterRegistry);
	}

	@Bean
	FilterRegistrationBean<SyncRequestFilter> syncRequestFilter(CourseSyncProperties properties, Clock clock,
			SyncRejections rejections) {
		FilterRegistrationBean<SyncRequestFilter> registration = new FilterRegistrationBean<>(
				new SyncRequestFilter(properties, clock, rejections));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
