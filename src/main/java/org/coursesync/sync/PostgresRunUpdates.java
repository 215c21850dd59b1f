package org.coursesync.sync;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.coursesync.course.CourseRun;
import org.coursesync.course.LanguagesConverter;
import org.coursesync.course.PublicCourseRun;
import org.coursesync.course.RunData;
import org.coursesync.course.RunField;
import org.coursesync.course.SyncMode;
import org.coursesync.synclog.SyncEvent;
import org.coursesync.synclog.SyncHistory;
import org.coursesync.synclog.SyncRecord;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The {@link RunUpdates} of PostgreSQL, chosen at start-up when the database is
 * PostgreSQL: a group of updates of an existing run as ONE statement in autocommit mode
 * (a measured path that bypasses the ORM: see docs/write-path.md and bench/README.md), so
 * that a group costs two round trips (the lock-free read, then the write) and a burst on
 * one link holds the run's row lock only while PostgreSQL executes and commits that
 * statement, never across a client round trip. Which columns it reads and writes, and
 * how, derives from the {@link RunField} declarations that the entity mapping uses too;
 * the sync rules are those of {@link SyncRules}, as on the JPA path.
 * <p>
 * The statement updates the draft run, its public copy and the course's "unpublished
 * changes" flag in data-modifying CTEs and inserts the history rows; a statement is
 * atomic, so the items are all or nothing. The draft's update checks the version it read
 * and advances it. When the run changed since the read (another instance, an admin edit
 * or a publish wrote it) or it or its copy disappeared (an admin deleted it), the row
 * counts guard divides by zero, which aborts the whole statement; that is reported as
 * {@link RunChanged}, and the group is planned again from a read that locks the run, so a
 * history row never records "before" values that another write had already replaced.
 */
@Component
class PostgresRunUpdates implements RunUpdates {

	/** SQLSTATE of division by zero: the guard of a run that vanished. */
	private static final String GUARD_TRIPPED = "22012";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final SyncHistory history;

	private final LanguagesConverter languages = new LanguagesConverter();

	PostgresRunUpdates(DataSource dataSource, SyncHistory history) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.history = history;
	}

	/**
	 * Whether the database is PostgreSQL (read at start-up, when the schema is migrated).
	 */
	boolean isAvailable() {
		try {
			return "PostgreSQL"
				.equals(JdbcUtils.extractDatabaseMetaData(this.dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			return false;
		}
	}

	@Override
	public List<UpdateOutcome> update(String link, Function<Optional<StoredRun>, GroupPlan> planner) {
		try {
			return inOneConnection((connection) -> write(connection, planner.apply(find(connection, link))));
		}
		catch (RunChanged ex) {
			// Another session wrote the run since the read: the items go again from a
			// read
			// that locks the run until the write, which no other write can overtake (the
			// wait is bounded by the lock timeout).
			return inOneTransaction((connection) -> write(connection, planner.apply(find(connection, link, true))));
		}
	}

	private List<UpdateOutcome> write(Connection connection, GroupPlan plan) throws SQLException {
		if (plan.write().isPresent()) {
			update(connection, plan.write().get());
		}
		return plan.outcomes();
	}

	/**
	 * Runs {@code work} with one pooled connection, in autocommit mode: an item's read
	 * and write borrow the pool once.
	 */
	<T> T inOneConnection(ConnectionCallback<T> work) {
		return this.jdbc.execute(work);
	}

	/**
	 * Runs {@code work} with one pooled connection in one transaction: for a read that
	 * locks the run ({@link #find(Connection, String, boolean)}) and the write that
	 * follows it.
	 */
	<T> T inOneTransaction(ConnectionCallback<T> work) {
		return this.jdbc.execute((Connection connection) -> {
			connection.setAutoCommit(false);
			boolean committed = false;
			try {
				T result = work.doInConnection(connection);
				connection.commit();
				connection.setAutoCommit(true);
				committed = true;
				return result;
			}
			finally {
				if (!committed) {
					rollBack(connection);
				}
			}
		});
	}

	/**
	 * Undoes a failed transaction, and gives the connection back in autocommit mode; a
	 * connection that cannot do either is broken, and the pool discards it.
	 */
	private static void rollBack(Connection connection) {
		try {
			connection.rollback();
			connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			// Keep the failure that made us roll back.
		}
	}

	/**
	 * The draft run of {@code link}, its public copy (or {@code null}) and its course's
	 * code, read in autocommit mode, without a lock, by plain JDBC (an ORM query costs
	 * several times more CPU than the round trip); empty when there is no run.
	 */
	Optional<StoredRun> find(Connection connection, String link) throws SQLException {
		return find(connection, link, false);
	}

	/**
	 * {@link #find(Connection, String)}, and when {@code lock}, with the draft's row lock
	 * held until the transaction ends (the write after it cannot fail on a changed
	 * version; the wait is bounded by the lock timeout).
	 */
	Optional<StoredRun> find(Connection connection, String link, boolean lock) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(lock ? FIND_LOCKED : FIND)) {
			statement.setString(1, link);
			try (ResultSet row = statement.executeQuery()) {
				if (!row.next()) {
					return Optional.empty();
				}
				CourseRun run = new CourseRun(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
						instant(row, 7));
				read(row, 0, run);
				run.markNotNew();
				run.setVersion(row.getLong(2 * COLUMNS.size() + 2));
				UUID copyId = row.getObject(COLUMNS.size() + 1, UUID.class);
				PublicCourseRun copy = null;
				if (copyId != null) {
					copy = new PublicCourseRun(copyId, run.getId(), row.getObject(COLUMNS.size() + 2, UUID.class),
							instant(row, COLUMNS.size() + 7));
					read(row, COLUMNS.size(), copy);
				}
				return Optional.of(new StoredRun(run, copy, row.getString(2 * COLUMNS.size() + 1)));
			}
		}
	}

	/** Columns of a run, in the order {@link #read} expects them. */
	private static final List<String> COLUMNS = columns();

	private static final String FIND = "SELECT " + String.join(", ", COLUMNS.stream().map((c) -> "r." + c).toList())
			+ ", " + String.join(", ", COLUMNS.stream().map((c) -> "p." + c).toList())
			+ ", c.code, r.version FROM course_run r JOIN course c ON c.id = r.course_id"
			+ " LEFT JOIN course_run_public p ON p.draft_run_id = r.id WHERE r.resource_link = ?";

	private static final String FIND_LOCKED = FIND + " FOR UPDATE OF r";

	private static List<String> columns() {
		List<String> columns = new ArrayList<>(List.of("id", "course_id", "lms_backend", "sync_mode", "title",
				"display_mode", "created_at", "updated_at"));
		for (RunField field : RunField.values()) {
			columns.add(field.column());
		}
		return List.copyOf(columns);
	}

	/** Reads the columns after the first {@code offset} ones into {@code run}. */
	private void read(ResultSet row, int offset, RunData run) throws SQLException {
		run.setLmsBackend(row.getString(offset + 3));
		String mode = row.getString(offset + 4);
		run.setSyncMode(SyncMode.fromWireName(mode)
			.orElseThrow(() -> new IllegalStateException("Unknown sync mode in the database: " + mode)));
		run.setTitle(row.getString(offset + 5));
		run.setDisplayMode(row.getString(offset + 6));
		run.setUpdatedAt(instant(row, offset + 8));
		int index = offset + 9;
		for (RunField field : RunField.values()) {
			run.set(field, switch (field.type()) {
				case TIME -> instant(row, index);
				case LANGUAGES -> this.languages.convertToEntityAttribute(row.getString(index));
				case INTEGER -> row.getInt(index);
				case DECIMAL -> row.getBigDecimal(index);
				case TEXT -> row.getString(index);
			});
			index++;
		}
	}

	private static Instant instant(ResultSet row, int index) throws SQLException {
		OffsetDateTime time = row.getObject(index, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * Writes {@code write} in one statement: the changed fields of the draft (with its
	 * update time, advancing its version by its writes), those of its copy, the
	 * unpublished-changes flag of its course and the history rows; all of it only if the
	 * run still has the version it was read with.
	 * @throws RunChanged when the run's version changed since it was read, or the run or
	 * its copy no longer exists (nothing was written)
	 */
	void update(Connection connection, GroupWrite write) throws SQLException {
		CourseRun run = write.run();
		PublicCourseRun copy = write.publicCopy();
		List<String> ctes = new ArrayList<>();
		List<String> guards = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		List<Integer> types = new ArrayList<>();
		if (!write.runFields().isEmpty()) {
			// One version per update that changed the draft, as if each were written
			// alone.
			ctes.add(update("r", "course_run", run, write.runFields(), Math.max(write.runWrites(), 1), values, types));
			guards.add("(SELECT count(*) FROM r)");
		}
		else {
			// Nothing of the draft changes: its history rows still rest on the version
			// read.
			guards.add("(SELECT count(*) FROM course_run WHERE id = ? AND version = ?)");
		}
		if (copy != null && !write.copyFields().isEmpty()) {
			ctes.add(update("p", "course_run_public", copy, write.copyFields(), 0, values, types));
			guards.add("(SELECT count(*) FROM p)");
		}
		if (write.courseDirty()) {
			ctes.add("c AS (UPDATE course SET unpublished_changes = TRUE, updated_at = ? WHERE id = ?"
					+ " AND unpublished_changes = FALSE)");
			add(values, types, time(write.now()), Types.TIMESTAMP_WITH_TIMEZONE);
			add(values, types, run.getCourseId(), Types.OTHER);
		}
		StringBuilder sql = new StringBuilder();
		if (!ctes.isEmpty()) {
			sql.append("WITH ").append(String.join(", ", ctes)).append(' ');
		}
		// One text array per column, whatever the number of rows: one statement text, one
		// server-side prepared statement.
		sql.append(INSERT_EVENTS);
		sql.append(" WHERE 1 / (").append(String.join(" * ", guards)).append(") = 1");
		try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
			bind(statement, values, types);
			bindEvents(connection, statement, values.size(), write.records());
			if (write.runFields().isEmpty()) {
				// The version check comes after the history rows' arrays.
				int next = values.size() + EVENT_COLUMNS + 1;
				statement.setObject(next, run.getId(), Types.OTHER);
				statement.setLong(next + 1, run.getVersion());
			}
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			if (GUARD_TRIPPED.equals(ex.getSQLState())) {
				throw new RunChanged(ex);
			}
			throw ex;
		}
	}

	/**
	 * The run was written (or deleted) by another session since it was read: nothing was
	 * written; the items must be applied again from a fresh read.
	 */
	static final class RunChanged extends ConcurrencyFailureException {

		RunChanged(Throwable cause) {
			super("The run changed since it was read; applying the items again from a fresh read", cause);
		}

	}

	/** Columns of a history row, each bound as one text array. */
	private static final int EVENT_COLUMNS = 12;

	private static final String INSERT_EVENTS = "INSERT INTO sync_event (id, received_at, resource_link, lms_backend,"
			+ " outcome, secret_index, course_code, course_run_id, sync_mode, changes, errors, source)"
			+ " SELECT e.id::uuid, e.received_at::timestamptz, e.resource_link, e.lms_backend, e.outcome,"
			+ " e.secret_index::integer, e.course_code, e.course_run_id::uuid, e.sync_mode, e.changes, e.errors,"
			+ " e.source FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
			+ " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS e(id, received_at, resource_link,"
			+ " lms_backend, outcome, secret_index, course_code, course_run_id, sync_mode, changes, errors, source)";

	/**
	 * Binds the history rows of {@code records} as text arrays after the first
	 * {@code bound} parameters.
	 */
	private void bindEvents(Connection connection, PreparedStatement statement, int bound, List<SyncRecord> records)
			throws SQLException {
		int rows = records.size();
		String[][] columns = new String[EVENT_COLUMNS][rows];
		for (int i = 0; i < rows; i++) {
			SyncEvent event = this.history.event(records.get(i));
			columns[0][i] = event.getId().toString();
			columns[1][i] = event.getReceivedAt().toString();
			columns[2][i] = event.getResourceLink();
			columns[3][i] = event.getLmsBackend();
			columns[4][i] = event.getOutcome();
			columns[5][i] = (event.getSecretIndex() != null) ? event.getSecretIndex().toString() : null;
			columns[6][i] = event.getCourseCode();
			columns[7][i] = (event.getCourseRunId() != null) ? event.getCourseRunId().toString() : null;
			columns[8][i] = event.getSyncMode();
			columns[9][i] = event.getChanges();
			columns[10][i] = event.getErrors();
			columns[11][i] = event.getSource();
		}
		for (int column = 0; column < columns.length; column++) {
			statement.setArray(bound + column + 1, connection.createArrayOf("text", columns[column]));
		}
	}

	private String update(String name, String table, RunData run, Set<RunField> fields, long writes,
			List<Object> values, List<Integer> types) {
		StringBuilder cte = new StringBuilder(name).append(" AS (UPDATE ").append(table).append(" SET ");
		for (RunField field : fields) {
			cte.append(field.column()).append(" = ?, ");
			bindable(field, run.get(field), values, types);
		}
		cte.append("updated_at = ?");
		add(values, types, time(run.getUpdatedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
		if (run instanceof CourseRun draft) {
			cte.append(", version = version + ? WHERE id = ? AND version = ? RETURNING 1)");
			add(values, types, writes, Types.BIGINT);
			add(values, types, run.getId(), Types.OTHER);
			add(values, types, draft.getVersion(), Types.BIGINT);
		}
		else {
			cte.append(" WHERE id = ? RETURNING 1)");
			add(values, types, run.getId(), Types.OTHER);
		}
		return cte.toString();
	}

	@SuppressWarnings("unchecked")
	private void bindable(RunField field, Object value, List<Object> values, List<Integer> types) {
		switch (field.type()) {
			case TIME ->
				add(values, types, (value != null) ? time((Instant) value) : null, Types.TIMESTAMP_WITH_TIMEZONE);
			case LANGUAGES ->
				add(values, types, this.languages.convertToDatabaseColumn((List<String>) value), Types.VARCHAR);
			case INTEGER -> add(values, types, value, Types.INTEGER);
			case DECIMAL -> add(values, types, value, Types.NUMERIC);
			case TEXT -> add(values, types, value, Types.VARCHAR);
		}
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static void add(List<Object> values, List<Integer> types, Object value, int type) {
		values.add(value);
		types.add(type);
	}

	private static void bind(PreparedStatement statement, List<Object> values, List<Integer> types)
			throws SQLException {
		for (int i = 0; i < values.size(); i++) {
			Object value = values.get(i);
			if (value == null) {
				statement.setNull(i + 1, types.get(i));
			}
			else if (value instanceof OffsetDateTime time) {
				statement.setObject(i + 1, time);
			}
			else {
				statement.setObject(i + 1, value, types.get(i));
			}
		}
	}

}
