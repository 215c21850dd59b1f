package org.coursesync.admin;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same admin API tests on a real PostgreSQL.
 */
class AdminApiPostgresIT extends AdminApiIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
