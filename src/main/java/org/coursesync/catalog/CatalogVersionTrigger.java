package org.coursesync.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's trigger on the public copies: advances the catalog's version in the writing
 * transaction, on the session's row of {@code catalog_version}. Public because H2
 * instantiates it by name; PostgreSQL runs a plpgsql function instead.
 */
public class CatalogVersionTrigger implements Trigger {

	private static final String ADVANCE = "UPDATE catalog_version SET version = version + 1"
			+ " WHERE shard = MOD(SESSION_ID(), 64)";

	@Override
	public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(ADVANCE)) {
			statement.executeUpdate();
		}
	}

}
