package org.coursesync.reconciliation;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same reconciliation tests on a real PostgreSQL, where webhook updates take the
 * one-statement path (its version check is what the race test relies on).
 */
class ReconciliationPostgresIT extends ReconciliationIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
