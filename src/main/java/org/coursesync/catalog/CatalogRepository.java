package org.coursesync.catalog;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads published runs with plain SQL, filtered and ordered in the database (indexes on
 * the start, the course and the end); the catalog's version and its next availability
 * change.
 */
@Repository
class CatalogRepository {

	private static final String FROM = " FROM course_run_public r JOIN course_public p ON p.course_id = r.course_id"
			+ " JOIN course c ON c.id = r.course_id WHERE r.catalog_visibility <> 'hidden'";

	private static final String SELECT = "SELECT r.draft_run_id, r.course_id, r.resource_link, r.lms_backend,"
			+ " r.start_at, r.end_at, r.enrollment_start, r.enrollment_end, r.languages, r.offer, r.certificate_offer,"
			+ " r.price, r.certificate_price, p.min_effort, p.max_effort, p.pacing_type, p.weeks_to_complete,"
			+ " p.modular_credit, p.marketing_url" + FROM;

	private final NamedParameterJdbcTemplate jdbc;

	CatalogRepository(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A row of the page, before the backend-specific course key and availability. */
	record Row(UUID draftRunId, UUID courseId, String resourceLink, String lmsBackend, Instant start, Instant end,
			Instant enrollmentStart, Instant enrollmentEnd, List<String> languages, String offer,
			String certificateOffer, BigDecimal price, BigDecimal certificatePrice, Integer minEffort,
			Integer maxEffort, String pacingType, Integer weeksToComplete, Integer modularCredit, String marketingUrl) {

	}

	/** A statement and its parameters (the tests explain them). */
	record Statement(String sql, MapSqlParameterSource params) {
	}

	/**
	 * The page of {@code query}: after its cursor (keyset: an index range, whatever the
	 * depth), else at {@code page * size}.
	 */
	List<Row> page(CatalogQuery query, Set<String> backends, Instant now) {
		CatalogCursor cursor = query.cursor();
		if (cursor == null) {
			return query(atOffset(query, backends, now));
		}
		List<Row> rows = new ArrayList<>();
		if (cursor.start() != null) {
			rows.addAll(query(afterStart(query, backends, now)));
		}
		if (rows.size() < query.size()) {
			rows.addAll(query(withoutStart(query, backends, now, query.size() - rows.size())));
		}
		return rows;
	}

	private List<Row> query(Statement statement) {
		return this.jdbc.query(statement.sql(), statement.params(), CatalogRepository::row);
	}

	/** The page at {@code page * size} in the catalog's order. */
	Statement atOffset(CatalogQuery query, Set<String> backends, Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(query, backends, now, params);
		params.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
		return new Statement(SELECT + where + " ORDER BY r.start_at ASC NULLS LAST, r.draft_run_id ASC"
				+ " LIMIT :limit OFFSET :offset", params);
	}

	/**
	 * The runs after a cursor with a start: the index range of (start_at, draft_run_id)
	 * from the cursor on.
	 */
	Statement afterStart(CatalogQuery query, Set<String> backends, Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(query, backends, now, params) + " AND r.start_at IS NOT NULL AND r.start_at >= :cs"
				+ " AND (r.start_at > :cs OR r.draft_run_id > :cid)";
		params.addValue("cs", Timestamp.from(query.cursor().start()))
			.addValue("cid", query.cursor().id())
			.addValue("limit", query.size());
		return new Statement(SELECT + where + " ORDER BY r.start_at ASC, r.draft_run_id ASC LIMIT :limit", params);
	}

	/** Then the runs without a start (last in the catalog's order), by id. */
	Statement withoutStart(CatalogQuery query, Set<String> backends, Instant now, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(query, backends, now, params) + " AND r.start_at IS NULL";
		if (query.cursor().start() == null) {
			where += " AND r.draft_run_id > :cid";
			params.addValue("cid", query.cursor().id());
		}
		params.addValue("limit", limit);
		return new Statement(SELECT + where + " ORDER BY r.draft_run_id ASC LIMIT :limit", params);
	}

	long count(CatalogQuery query, Set<String> backends, Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		Long count = this.jdbc.queryForObject("SELECT COUNT(*)" + FROM + where(query, backends, now, params), params,
				Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * The catalog's version: the sum of the rows that every change to a public copy
	 * advances (see the migrations' triggers).
	 */
	long version() {
		Long version = this.jdbc.getJdbcTemplate()
			.queryForObject("SELECT SUM(version) FROM catalog_version", Long.class);
		return (version != null) ? version : 0;
	}

	/**
	 * The first instant after {@code now} at which a public run's availability changes (a
	 * start, an end, or a start minus {@link Availability#SOON}), or null if none will:
	 * three index lookups.
	 */
	Instant nextAvailabilityChange(Instant now) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("now", Timestamp.from(now))
			.addValue("soon", Timestamp.from(now.plus(Availability.SOON)));
		return this.jdbc.queryForObject("SELECT (SELECT MIN(start_at) FROM course_run_public WHERE start_at > :now),"
				+ " (SELECT MIN(start_at) FROM course_run_public WHERE start_at > :soon),"
				+ " (SELECT MIN(end_at) FROM course_run_public WHERE end_at > :now)", params, (rs, rowNum) -> {
					Instant start = instant(rs, 1);
					Instant soon = instant(rs, 2);
					Instant end = instant(rs, 3);
					Instant next = null;
					for (Instant candidate : new Instant[] { start,
							(soon != null) ? soon.minus(Availability.SOON) : null, end }) {
						if (candidate != null && (next == null || candidate.isBefore(next))) {
							next = candidate;
						}
					}
					return next;
				});
	}

	private static String where(CatalogQuery query, Set<String> backends, Instant now, MapSqlParameterSource params) {
		StringBuilder where = new StringBuilder();
		if (!backends.isEmpty()) {
			where.append(" AND r.lms_backend IN (:backends)");
			params.addValue("backends", backends);
		}
		if (query.course() != null) {
			where.append(" AND c.code = :course");
			params.addValue("course", query.course());
		}
		if (query.startAfter() != null) {
			where.append(" AND r.start_at > :startAfter");
			params.addValue("startAfter", Timestamp.from(query.startAfter()));
		}
		if (query.startBefore() != null) {
			where.append(" AND r.start_at < :startBefore");
			params.addValue("startBefore", Timestamp.from(query.startBefore()));
		}
		if (query.availability() != null) {
			where.append(" AND ").append(query.availability().condition());
			params.addValue("now", Timestamp.from(now)).addValue("soon", Timestamp.from(now.plus(Availability.SOON)));
		}
		return where.toString();
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		String languages = rs.getString("languages");
		return new Row(rs.getObject("draft_run_id", UUID.class), rs.getObject("course_id", UUID.class),
				rs.getString("resource_link"), rs.getString("lms_backend"), instant(rs, "start_at"),
				instant(rs, "end_at"), instant(rs, "enrollment_start"), instant(rs, "enrollment_end"),
				(languages == null || languages.isEmpty()) ? List.of() : Arrays.asList(languages.split(",")),
				rs.getString("offer"), rs.getString("certificate_offer"), rs.getBigDecimal("price"),
				rs.getBigDecimal("certificate_price"), integer(rs, "min_effort"), integer(rs, "max_effort"),
				rs.getString("pacing_type"), integer(rs, "weeks_to_complete"), integer(rs, "modular_credit"),
				rs.getString("marketing_url"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
