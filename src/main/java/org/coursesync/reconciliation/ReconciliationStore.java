package org.coursesync.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.coursesync.audit.AuditAction;
import org.coursesync.audit.AuditLog;
import org.coursesync.audit.AuditTarget;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reports and the leases (V5__reconciliation.sql), by plain SQL: taking a lease is
 * one conditional UPDATE, which only one instance can win.
 */
@Repository
class ReconciliationStore {

	/** The trigger of a reconciliation started by a person. */
	static final String ADMIN = "admin";

	static final String DIED = "Its instance stopped before it ended (its lease expired).";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final AuditLog audit;

	ReconciliationStore(JdbcClient jdbc, JsonMapper json, AuditLog audit) {
		this.jdbc = jdbc;
		this.json = json;
		this.audit = audit;
	}

	/**
	 * Takes the lease of {@code backend} for a new report and inserts the report, in one
	 * transaction; empty when another reconciliation holds the lease or, for a scheduled
	 * one ({@code dueAt} set), when the last start is more recent than {@code dueAt}. A
	 * {@code running} report whose lease expired turns {@code failed}.
	 */
	@Transactional
	public Optional<UUID> start(String backend, String trigger, boolean partial, String holder, Instant now,
			Instant expiresAt, Instant startedBefore) {
		ensureLease(backend);
		UUID id = UUID.randomUUID();
		String sql = "UPDATE reconciliation_lease SET report_id = :id, holder = :holder, expires_at = :expires,"
				+ " last_started_at = :now WHERE lms_backend = :backend AND (report_id IS NULL OR expires_at < :now)";
		if (startedBefore != null) {
			sql += " AND (last_started_at IS NULL OR last_started_at <= :before)";
		}
		JdbcClient.StatementSpec update = this.jdbc.sql(sql)
			.param("id", id)
			.param("holder", holder)
			.param("expires", ts(expiresAt))
			.param("now", ts(now))
			.param("backend", backend);
		if (startedBefore != null) {
			update = update.param("before", ts(startedBefore));
		}
		if (update.update() != 1) {
			return Optional.empty();
		}
		failDead(backend, now);
		this.jdbc
			.sql("INSERT INTO reconciliation (id, lms_backend, trigger_kind, status, listing, started_at,"
					+ " courses_seen, runs_updated, runs_unchanged, runs_skipped_newer, runs_rejected,"
					+ " not_in_catalog_total, missing_in_lms_total)"
					+ " VALUES (?, ?, ?, 'running', ?, ?, 0, 0, 0, 0, 0, 0, 0)")
			.params(id, backend, trigger, partial ? "partial" : "complete", ts(now))
			.update();
		if (ADMIN.equals(trigger)) {
			// A start by a person: recorded with the report, in this transaction.
			Map<String, Object> started = new LinkedHashMap<>();
			started.put("lms_backend", backend);
			started.put("reconciliation_id", id);
			this.audit.record(AuditAction.RECONCILIATION_START, AuditTarget.none(), null, started);
		}
		return Optional.of(id);
	}

	private void ensureLease(String backend) {
		try {
			this.jdbc
				.sql("INSERT INTO reconciliation_lease (lms_backend) SELECT ? WHERE NOT EXISTS"
						+ " (SELECT 1 FROM reconciliation_lease WHERE lms_backend = ?)")
				.params(backend, backend)
				.update();
		}
		catch (DataIntegrityViolationException ex) {
			// Another instance inserted it meanwhile: the row is there.
		}
	}

	/**
	 * Turns the {@code running} reports of {@code backend} without a live lease failed.
	 */
	private void failDead(String backend, Instant now) {
		this.jdbc
			.sql("UPDATE reconciliation SET status = 'failed', finished_at = ?, error = ?"
					+ " WHERE lms_backend = ? AND status = 'running' AND id NOT IN"
					+ " (SELECT report_id FROM reconciliation_lease WHERE lms_backend = ? AND report_id IS NOT NULL)")
			.params(ts(now), DIED, backend, backend)
			.update();
	}

	/**
	 * Every backend: frees expired leases and fails their reports (an instance that died
	 * while it ran one).
	 */
	@Transactional
	public void sweep(Instant now) {
		List<String> expired = this.jdbc
			.sql("SELECT lms_backend FROM reconciliation_lease WHERE report_id IS NOT NULL AND expires_at < ?")
			.param(ts(now))
			.query(String.class)
			.list();
		for (String backend : expired) {
			int freed = this.jdbc
				.sql("UPDATE reconciliation_lease SET report_id = NULL, holder = NULL, expires_at = NULL"
						+ " WHERE lms_backend = ? AND report_id IS NOT NULL AND expires_at < ?")
				.params(backend, ts(now))
				.update();
			if (freed == 1) {
				failDead(backend, now);
			}
		}
	}

	/**
	 * Extends the lease; false when it was lost (it expired and another instance took
	 * it).
	 */
	boolean renew(String backend, UUID id, Instant expiresAt) {
		return this.jdbc.sql("UPDATE reconciliation_lease SET expires_at = ? WHERE lms_backend = ? AND report_id = ?")
			.params(ts(expiresAt), backend, id)
			.update() == 1;
	}

	/** Writes the counters of a running report. */
	void progress(UUID id, Tally tally) {
		this.jdbc
			.sql("UPDATE reconciliation SET courses_seen = ?, runs_updated = ?, runs_unchanged = ?,"
					+ " runs_skipped_newer = ?, runs_rejected = ? WHERE id = ? AND status = 'running'")
			.params(tally.coursesSeen, tally.updated, tally.unchanged, tally.skippedNewer, tally.rejected, id)
			.update();
	}

	/** Ends the report and frees the lease, in one transaction. */
	@Transactional
	public void finish(String backend, UUID id, Tally tally, String status, String error, Instant now) {
		this.jdbc
			.sql("UPDATE reconciliation SET status = ?, finished_at = ?, courses_seen = ?, runs_updated = ?,"
					+ " runs_unchanged = ?, runs_skipped_newer = ?, runs_rejected = ?, not_in_catalog = ?,"
					+ " not_in_catalog_total = ?, missing_in_lms = ?, missing_in_lms_total = ?, error = ?"
					+ " WHERE id = ? AND status = 'running'")
			.params(status, ts(now), tally.coursesSeen, tally.updated, tally.unchanged, tally.skippedNewer,
					tally.rejected, this.json.writeValueAsString(tally.notInCatalog.kept()), tally.notInCatalog.total(),
					this.json.writeValueAsString(tally.missingInLms.kept()), tally.missingInLms.total(),
					(error != null) ? cut(error) : null, id)
			.update();
		this.jdbc
			.sql("UPDATE reconciliation_lease SET report_id = NULL, holder = NULL, expires_at = NULL"
					+ " WHERE lms_backend = ? AND report_id = ?")
			.params(backend, id)
			.update();
	}

	@Transactional(readOnly = true)
	public Optional<ReportView> find(UUID id) {
		return this.jdbc.sql("SELECT * FROM reconciliation WHERE id = ?").param(id).query(this::view).optional();
	}

	@Transactional(readOnly = true)
	public List<ReportView> page(int page, int size) {
		return this.jdbc.sql("SELECT * FROM reconciliation ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(size, (long) page * size)
			.query(this::view)
			.list();
	}

	/** {@code limit} reports from {@code offset}, newest first. */
	@Transactional(readOnly = true)
	List<ReportView> slice(long offset, int limit) {
		return this.jdbc.sql("SELECT * FROM reconciliation ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(limit, offset)
			.query(this::view)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT COUNT(*) FROM reconciliation").query(Long.class).single();
	}

	/** The running report of {@code backend}, if any. */
	Optional<UUID> running(String backend) {
		return this.jdbc
			.sql("SELECT report_id FROM reconciliation_lease WHERE lms_backend = ? AND report_id IS NOT NULL")
			.param(backend)
			.query(UUID.class)
			.optional();
	}

	private ReportView view(ResultSet rs, int row) throws SQLException {
		return new ReportView(rs.getObject("id", UUID.class), rs.getString("lms_backend"), rs.getString("trigger_kind"),
				rs.getString("status"), rs.getString("listing"), instant(rs, "started_at"), instant(rs, "finished_at"),
				rs.getInt("courses_seen"), rs.getInt("runs_updated"), rs.getInt("runs_unchanged"),
				rs.getInt("runs_skipped_newer"), rs.getInt("runs_rejected"), list(rs.getString("not_in_catalog")),
				rs.getInt("not_in_catalog_total"), list(rs.getString("missing_in_lms")),
				rs.getInt("missing_in_lms_total"), rs.getString("error"));
	}

	private List<String> list(String text) {
		return (text != null) ? this.json.readValue(text, new TypeReference<List<String>>() {
		}) : List.of();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

	private static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static String cut(String text) {
		return (text.length() > 2000) ? text.substring(0, 2000) : text;
	}

}
