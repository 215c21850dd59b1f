package org.coursesync.synclog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsProperties;
import org.coursesync.lms.LmsRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per configured LMS backend, what it pushed lately (the admin API's
 * {@code GET /api/admin/lms-backends} and the console's dashboard). Only webhook rows
 * count: a reconciliation's rows would hide an LMS whose pushes are refused. Two indexed
 * reads per backend (index {@code sync_event_backend_received}), whatever the size of the
 * history.
 */
@Service
public class LmsBackendActivity {

	/** The window of the counts. */
	public static final Duration WINDOW = Duration.ofHours(24);

	private static final String LAST_ACCEPTED = "SELECT MAX(received_at) FROM sync_event "
			+ "WHERE lms_backend = ? AND source = 'webhook' AND outcome <> 'rejected'";

	private static final String COUNTS = "SELECT "
			+ "COALESCE(SUM(CASE WHEN outcome <> 'rejected' THEN 1 ELSE 0 END), 0) AS accepted, "
			+ "COALESCE(SUM(CASE WHEN outcome = 'rejected' THEN 1 ELSE 0 END), 0) AS rejected "
			+ "FROM sync_event WHERE lms_backend = ? AND received_at >= ? AND source = 'webhook'";

	private final LmsRegistry registry;

	private final LmsProperties properties;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	LmsBackendActivity(LmsRegistry registry, LmsProperties properties, JdbcTemplate jdbc, Clock clock) {
		this.registry = registry;
		this.properties = properties;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Every configured backend, in configuration order. */
	@Transactional(readOnly = true)
	public List<BackendActivity> backends() {
		OffsetDateTime since = OffsetDateTime.ofInstant(this.clock.instant().minus(WINDOW), ZoneOffset.UTC);
		List<BackendActivity> result = new ArrayList<>();
		for (LmsBackend backend : this.registry.backends()) {
			String regex = this.properties.lmsBackends().get(backend.index()).courseRegex();
			OffsetDateTime last = this.jdbc.queryForObject(LAST_ACCEPTED, OffsetDateTime.class, backend.baseUrl());
			long[] counts = this.jdbc.queryForObject(COUNTS,
					(rs, row) -> new long[] { rs.getLong("accepted"), rs.getLong("rejected") }, backend.baseUrl(),
					since);
			Instant lastAccepted = (last != null) ? last.toInstant() : null;
			result.add(new BackendActivity(backend.baseUrl(), backend.kind().name().toLowerCase(Locale.ROOT), regex,
					lastAccepted, counts[0], counts[1]));
		}
		return result;
	}

}
