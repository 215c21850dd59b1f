package org.coursesync.synclog;

import java.util.Map;

/**
 * The sync history's page query, for tests that check its plan.
 */
public final class SyncEventSql {

	private SyncEventSql() {
	}

	public static String page(SyncEventFilter filter, Map<String, Object> parameters) {
		return SyncEvents.sql(filter, parameters);
	}

}
