package org.coursesync.sync;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same sync tests on a real PostgreSQL.
 */
class SyncEndpointPostgresIT extends SyncEndpointIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
