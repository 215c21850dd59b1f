package org.coursesync.system;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Embedded Tomcat: its own rejections answer JSON (see {@link JsonErrorReportValve}).
 * Timeouts and connection limits are plain {@code server.tomcat.*} keys in
 * {@code application.yml}; the README's Operations section explains the values.
 */
@Configuration(proxyBeanMethods = false)
class TomcatConfiguration {

	@Bean
	TrustedProxiesCheck trustedProxiesCheck(Environment environment) {
		return new TrustedProxiesCheck(environment.getProperty("coursesync.trusted-proxies", ""));
	}

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

	/**
	 * Checks {@code coursesync.trusted-proxies} before Spring Boot hands it to Tomcat's
	 * {@code RemoteIpValve} ({@code server.tomcat.remoteip.internal-proxies}), whose own
	 * failure names neither the key nor the fix: runs before every other customizer.
	 */
	static final class TrustedProxiesCheck
			implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

		private final String proxies;

		TrustedProxiesCheck(String proxies) {
			this.proxies = proxies;
		}

		@Override
		public void customize(TomcatServletWebServerFactory factory) {
			try {
				Pattern.compile(this.proxies);
			}
			catch (PatternSyntaxException ex) {
				throw new IllegalStateException("coursesync.trusted-proxies: does not compile as a regular expression: "
						+ ex.getDescription() + " near index " + ex.getIndex(), ex);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
