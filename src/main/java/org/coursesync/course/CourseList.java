package org.coursesync.course;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coursesync.system.PageView;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The course list's queries, in SQL that H2 and PostgreSQL run alike. A course's
 * {@code updated_at} is read as the latest of its own and its draft runs' (a sync writes
 * the run, never the course row, so that concurrent syncs of one course's runs do not
 * queue on that row; docs/write-path.md). Each filter is served by an index
 * (V8__list_indexes.sql).
 */
@Component
class CourseList {

	/** The course's update time, or its latest run's when later. */
	static final String UPDATED_AT = "COALESCE(GREATEST(c.updated_at,"
			+ " (SELECT MAX(r.updated_at) FROM course_run r WHERE r.course_id = c.id)), c.updated_at)";

	/**
	 * The courses and their public copies: a join, not EXISTS in the select list, which
	 * PostgreSQL would run as a hashed subplan reading every public copy for one page.
	 */
	private static final String FROM = " FROM course c LEFT JOIN course_public p ON p.course_id = c.id";

	/** Entity properties that the admin API sorts by, and their SQL. */
	private static final Map<String, String> ORDERS = Map.of("code", "c.code", "title", "c.title", "createdAt",
			"c.created_at", "updatedAt", UPDATED_AT);

	private final JdbcClient jdbc;

	CourseList(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One page of the courses matching {@code filter}, with the total. */
	PageView<CourseSummary> page(CourseFilter filter, Pageable pageable) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		String where = where(filter, parameters);
		Long total = this.jdbc.sql("SELECT COUNT(*)" + FROM + where).params(parameters).query(Long.class).single();
		parameters.put("limit", pageable.getPageSize());
		parameters.put("offset", pageable.getOffset());
		List<CourseSummary> items = this.jdbc.sql(sql(where, pageable.getSort()))
			.params(parameters)
			.query(CourseList::summary)
			.list();
		int pages = (int) ((total + pageable.getPageSize() - 1) / pageable.getPageSize());
		return new PageView<>(items, pageable.getPageNumber(), pageable.getPageSize(), total, pages);
	}

	/**
	 * The page query of {@code filter} in {@code order}; values go in {@code parameters}.
	 */
	static String sql(CourseFilter filter, Sort order, Map<String, Object> parameters) {
		return sql(where(filter, parameters), order);
	}

	private static String sql(String where, Sort order) {
		List<String> orders = new ArrayList<>();
		boolean unique = false;
		for (Sort.Order by : order) {
			String expression = ORDERS.get(by.getProperty());
			if (expression != null && !unique) {
				orders.add(expression + (by.isDescending() ? " DESC" : " ASC"));
				// The code is unique: an order after it would never decide.
				unique = "code".equals(by.getProperty());
			}
		}
		if (!unique) {
			orders.add("c.code ASC");
		}
		return "SELECT c.id, c.code, c.title, p.course_id IS NOT NULL AS published, c.unpublished_changes,"
				+ " c.created_at, " + UPDATED_AT + " AS updated_at" + FROM + where + " ORDER BY "
				+ String.join(", ", orders) + " LIMIT :limit OFFSET :offset";
	}

	private static String where(CourseFilter filter, Map<String, Object> parameters) {
		List<String> where = new ArrayList<>();
		if (filter.codePrefix() != null) {
			where.add("c.code LIKE :code_prefix ESCAPE '\\'");
			parameters.put("code_prefix",
					filter.codePrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		List<String> words = filter.titleWords();
		for (int i = 0; i < words.size(); i++) {
			// Words hold letters and digits only: nothing to escape.
			where.add("EXISTS (SELECT 1 FROM course_title_word w WHERE w.course_id = c.id AND w.word LIKE :word" + i
					+ ")");
			parameters.put("word" + i, words.get(i) + "%");
		}
		if (filter.published() != null) {
			where.add(filter.published() ? "p.course_id IS NOT NULL" : "p.course_id IS NULL");
		}
		if (filter.unpublishedChanges() != null) {
			where.add("c.unpublished_changes = :unpublished_changes");
			parameters.put("unpublished_changes", filter.unpublishedChanges());
		}
		return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
	}

	private static CourseSummary summary(ResultSet row, int number) throws SQLException {
		return new CourseSummary(row.getObject("id", UUID.class), row.getString("code"), row.getString("title"),
				row.getBoolean("published"), row.getBoolean("unpublished_changes"), instant(row, "created_at"),
				instant(row, "updated_at"));
	}

	private static Instant instant(ResultSet row, String column) throws SQLException {
		return row.getObject(column, OffsetDateTime.class).toInstant();
	}

}
