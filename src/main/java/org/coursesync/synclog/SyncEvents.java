package org.coursesync.synclog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coursesync.system.PageView;
import org.coursesync.system.Paging;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the sync history: newest first, filtered, paged without a count (a million rows
 * are not counted on every request). Each filter has an index that holds the rows in this
 * order (V8__list_indexes.sql), so a page reads its own rows and no others.
 */
@Service
public class SyncEvents {

	/** The largest page. */
	public static final int MAX_SIZE = 500;

	private static final String COLUMNS = "id, received_at, resource_link, lms_backend, outcome, secret_index,"
			+ " course_code, course_run_id, sync_mode, changes, errors, source";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SyncEvents(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Page {@code page} (from 0) of {@code size} rows matching {@code filter}, newest
	 * first; a 400 when the page or size is out of range.
	 */
	@Transactional(readOnly = true)
	public PageView<SyncEventView> page(SyncEventFilter filter, int page, int size) {
		PageRequest request = Paging.of(page, size, MAX_SIZE, null, Map.of(), Sort.unsorted());
		Map<String, Object> parameters = new LinkedHashMap<>();
		String sql = sql(filter, parameters);
		parameters.put("limit", size + 1);
		parameters.put("offset", request.getOffset());
		List<SyncEventView> rows = this.jdbc.sql(sql).params(parameters).query(this::view).list();
		return PageView.uncounted(rows, page, size);
	}

	/** The page query of {@code filter}; its values are put in {@code parameters}. */
	static String sql(SyncEventFilter filter, Map<String, Object> parameters) {
		List<String> where = new ArrayList<>();
		equal(where, parameters, "resource_link", filter.resourceLink());
		equal(where, parameters, "lms_backend", filter.lmsBackend());
		equal(where, parameters, "outcome", (filter.outcome() != null) ? filter.outcome().wireName() : null);
		equal(where, parameters, "course_code", filter.courseCode());
		equal(where, parameters, "course_run_id", filter.courseRunId());
		if (filter.since() != null) {
			where.add("received_at >= :since");
			parameters.put("since", filter.since().atOffset(ZoneOffset.UTC));
		}
		if (filter.until() != null) {
			where.add("received_at < :until");
			parameters.put("until", filter.until().atOffset(ZoneOffset.UTC));
		}
		return "SELECT " + COLUMNS + " FROM sync_event"
				+ (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
				+ " ORDER BY received_at DESC, id DESC LIMIT :limit OFFSET :offset";
	}

	private static void equal(List<String> where, Map<String, Object> parameters, String column, Object value) {
		if (value != null) {
			where.add(column + " = :" + column);
			parameters.put(column, value);
		}
	}

	private SyncEventView view(ResultSet row, int number) throws SQLException {
		return new SyncEventView(row.getObject("id", UUID.class),
				row.getObject("received_at", OffsetDateTime.class).toInstant(), row.getString("resource_link"),
				row.getString("lms_backend"), row.getString("outcome"), row.getObject("secret_index", Integer.class),
				row.getString("course_code"), row.getObject("course_run_id", UUID.class), row.getString("sync_mode"),
				parse(row.getString("changes")), parse(row.getString("errors")), row.getString("source"));
	}

	private JsonNode parse(String text) {
		return (text != null) ? this.json.readTree(text) : this.json.createObjectNode();
	}

}
