package org.coursesync.support;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Direct SQL access for tests: reset the tables, seed courses, read what was stored.
 */
public final class Database {

	private final JdbcTemplate jdbc;

	public Database(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Empties every table. */
	public void reset() {
		this.jdbc.update("DELETE FROM sync_event");
		this.jdbc.update("DELETE FROM audit_event");
		this.jdbc.update("DELETE FROM login_bucket");
		this.jdbc.update("DELETE FROM course_run_public");
		this.jdbc.update("DELETE FROM course_run");
		this.jdbc.update("DELETE FROM course_public");
		this.jdbc.update("DELETE FROM course");
	}

	/** Inserts a draft course; returns its id. */
	public UUID course(String code, String title) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.update("INSERT INTO course (id, code, title, unpublished_changes, created_at, updated_at) "
				+ "VALUES (?, ?, ?, FALSE, ?, ?)", id, code, title, now, now);
		return id;
	}

	/** Gives a course its public copy (published). */
	public void publishCourse(UUID courseId) {
		this.jdbc.update("INSERT INTO course_public (course_id, title, published_at) "
				+ "SELECT id, title, ? FROM course WHERE id = ?", Timestamp.from(Instant.now()), courseId);
	}

	public List<Map<String, Object>> draftRuns() {
		return this.jdbc.queryForList("SELECT * FROM course_run ORDER BY created_at, id");
	}

	public List<Map<String, Object>> publicRuns() {
		return this.jdbc.queryForList("SELECT * FROM course_run_public ORDER BY created_at, id");
	}

	public List<Map<String, Object>> events() {
		return this.jdbc.queryForList("SELECT * FROM sync_event ORDER BY received_at, id");
	}

	public boolean unpublishedChanges(String code) {
		return Boolean.TRUE.equals(
				this.jdbc.queryForObject("SELECT unpublished_changes FROM course WHERE code = ?", Boolean.class, code));
	}

	public int count(String table) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
		return (count != null) ? count : 0;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

}
