package org.coursesync.synclog;

/**
 * What wrote a history row: a signed webhook request (with the index of the secret that
 * signed it) or a reconciliation (which no secret signs).
 */
public sealed interface SyncSource {

	/** The source of every reconciliation's row. */
	SyncSource RECONCILIATION = new Reconciliation();

	/** A webhook request signed with the secret at {@code secretIndex}. */
	static SyncSource webhook(int secretIndex) {
		return new Webhook(secretIndex);
	}

	/**
	 * A signed webhook request.
	 *
	 * @param secretIndex index of the secret that signed it (in
	 * {@code coursesync.secrets})
	 */
	record Webhook(int secretIndex) implements SyncSource {
	}

	/** A reconciliation with the LMS. */
	record Reconciliation() implements SyncSource {
	}

}
