package org.coursesync.sync;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same grouping tests on a real PostgreSQL (the one-statement write).
 */
class SameLinkGroupingPostgresIT extends SameLinkGroupingIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
