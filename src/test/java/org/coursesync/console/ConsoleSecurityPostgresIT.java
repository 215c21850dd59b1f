package org.coursesync.console;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's chain on a real PostgreSQL: the session tables of the migration, sessions
 * written and ended there.
 */
class ConsoleSecurityPostgresIT extends ConsoleSecurityIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
