package org.coursesync.system;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * A start outside the dev and test profiles on the embedded H2 database is never silent:
 * H2 is the default so that the jar starts anywhere, but production belongs on
 * PostgreSQL. Warns (rather than refuses) because one instance on an H2 file keeps its
 * data and is a legitimate small deployment. Runs as soon as the configuration is read,
 * before the database is used.
 */
class EmbeddedDatabaseWarning implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabaseWarning.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		warning(event.getEnvironment()).ifPresent(logger::warn);
	}

	static Optional<String> warning(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:h2:") || environment.acceptsProfiles(Profiles.of("dev | test"))) {
			return Optional.empty();
		}
		return Optional.of("spring.datasource.url is the embedded H2 database (" + DatabaseFailureAnalyzer.redacted(url)
				+ "): fine for a trial, but production should set "
				+ "spring.datasource.url (SPRING_DATASOURCE_URL) to a PostgreSQL database, e.g. "
				+ "jdbc:postgresql://db:5432/coursesync");
	}

	@Override
	public int getOrder() {
		// After Boot's logging listener, which configures logging on the same event.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
