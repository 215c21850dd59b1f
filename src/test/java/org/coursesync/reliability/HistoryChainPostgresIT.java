package org.coursesync.reliability;

import org.coursesync.support.EmbeddedPostgresSupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same serial history on a real PostgreSQL (the grouped one-statement path).
 */
class HistoryChainPostgresIT extends HistoryChainIT {

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

}
