package org.coursesync.reconciliation;

import org.springframework.stereotype.Component;

/**
 * The moment between a reconciliation's read (of the API and the run's version) and its
 * write of one run. Does nothing; tests hold a reconciliation here to let a webhook land.
 */
@Component
class RepairGate {

	void beforeWrite(String resourceLink) {
		// Nothing to do in production.
	}

}
