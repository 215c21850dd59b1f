package org.coursesync.reliability;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same bounded lock wait on a real PostgreSQL (the one-statement update path).
 */
class RowLockTimeoutPostgresIT extends RowLockTimeoutIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
