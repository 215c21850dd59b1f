package org.coursesync.course;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

/**
 * Migration 8.2: the title words of the courses that existed before V8 (the split into
 * words is {@link CourseTitles}', which SQL cannot express on both databases).
 */
@Component
class CourseTitleWordsMigration implements JavaMigration {

	private static final int BATCH = 1_000;

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("8.2");
	}

	@Override
	public String getDescription() {
		return "course title words";
	}

	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		try (Statement courses = connection.createStatement();
				ResultSet course = courses.executeQuery("SELECT id, title FROM course");
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO course_title_word (course_id, word) VALUES (?, ?)")) {
			int pending = 0;
			while (course.next()) {
				UUID id = course.getObject(1, UUID.class);
				for (String word : CourseTitles.words(course.getString(2))) {
					insert.setObject(1, id);
					insert.setString(2, word);
					insert.addBatch();
					if (++pending == BATCH) {
						insert.executeBatch();
						pending = 0;
					}
				}
			}
			if (pending > 0) {
				insert.executeBatch();
			}
		}
	}

}
