package org.coursesync.security;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same login throttling on a real PostgreSQL, where the buckets' rows are locked with
 * {@code SELECT ... FOR UPDATE} as on H2.
 */
class LoginThrottlePostgresIT extends LoginThrottleIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
