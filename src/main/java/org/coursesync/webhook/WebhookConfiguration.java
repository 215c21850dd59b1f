package org.coursesync.webhook;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.system.RequestOrder;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Registers the sync filter ahead of everything else (Spring Security included), with the
 * memory budget of sync bodies.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	@Bean
	SyncRejections syncRejections(MeterRegistry meterRegistry, Clock clock, WebhookProperties properties) {
		return new SyncRejections(meterRegistry, clock, properties.rejectionLogInterval());
	}

	@Bean
	BodyBudget bodyBudget(BodyMemoryProperties memory, WebhookProperties properties, MeterRegistry registry) {
		DataSize limit = memory.limit();
		DataSize maxBody = properties.maxBodySize();
		// A body without Content-Length is held twice while its chunks are joined.
		if (limit.toBytes() < 2 * maxBody.toBytes()) {
			throw new IllegalStateException("coursesync.body-memory.limit (" + limit + ") must be at least twice "
					+ "coursesync.max-body-size (" + maxBody + "), or a body of the largest size could never be read");
		}
		if (limit.compareTo(BodyMemoryProperties.MAX_LIMIT) > 0) {
			throw new IllegalStateException("coursesync.body-memory.limit (" + limit + ") must be at most 1GB");
		}
		if (memory.maxWait().isNegative()) {
			throw new IllegalStateException(
					"coursesync.body-memory.max-wait (" + memory.maxWait() + ") must not be negative");
		}
		return new BodyBudget((int) limit.toBytes(), memory.maxWait(), registry);
	}

	/**
	 * On every path: the container and Spring MVC decode and normalize a path before
	 * mapping it, so the filter itself decides, on the same canonical form, which
	 * requests are for the sync endpoint.
	 */
	@Bean
	FilterRegistrationBean<SyncRequestFilter> syncRequestFilter(WebhookProperties properties, Clock clock,
			SyncRejections rejections, BodyBudget budget) {
		FilterRegistrationBean<SyncRequestFilter> registration = new FilterRegistrationBean<>(
				new SyncRequestFilter(properties, clock, rejections, budget));
		registration.addUrlPatterns("/*");
		registration.setOrder(RequestOrder.SYNC_GATE_FILTER);
		return registration;
	}

	/**
	 * After a 413, or a refusal that left a large body unread, the rest of the body is
	 * not drained (Tomcat would otherwise wait for it until its timeout): the connection
	 * is closed as soon as the answer is sent. The valve sits on the engine so that it
	 * acts after the error-page handling of the host, as Tomcat does for its own 413.
	 */
	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> closeConnectionsWithUnreadBodies() {
		return (factory) -> {
			factory.addContextCustomizers((context) -> context.setSwallowAbortedUploads(false));
			factory.addEngineValves(new UnreadBodyValve());
		};
	}

}
