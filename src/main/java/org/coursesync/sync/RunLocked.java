package org.coursesync.sync;

import org.springframework.dao.TransientDataAccessException;

/**
 * An item that waited for its run's row lock, held by another session, for as long as the
 * lock timeout allows: nothing of it was written; sending it again later works.
 */
class RunLocked extends TransientDataAccessException {

	RunLocked(Throwable cause) {
		super("The course run is locked by another session", cause);
	}

}
