package org.coursesync.system;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link RequestIdFilter} first of all filters, before the sync filter, so that
 * every response and every log line of a request has its id.
 */
@Configuration(proxyBeanMethods = false)
class RequestIdConfiguration {

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.addUrlPatterns("/*");
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
		registration.setOrder(RequestOrder.REQUEST_ID_FILTER);
		return registration;
	}

}
