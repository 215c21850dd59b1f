package org.coursesync.system;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Embedded Tomcat: its own rejections answer JSON (see {@link JsonErrorReportValve}).
 * Timeouts and connection limits are plain {@code server.tomcat.*} keys in
 * {@code application.yml}; the README's Operations section explains the values.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			Host host = (Host) context.getParent();
			// Spring Boot adds its own (HTML) report valve for server.error settings;
			// whichever order the customizers run in, ours must be the only one.
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			if (host instanceof StandardHost standardHost) {
				// Stops the host from adding Tomcat's default report valve at start.
				standardHost.setErrorReportValveClass(JsonErrorReportValve.class.getName());
			}
			host.getPipeline().addValve(new JsonErrorReportValve());
		});
	}

}
