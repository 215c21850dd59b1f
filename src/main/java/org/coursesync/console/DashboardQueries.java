package org.coursesync.console;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.coursesync.synclog.LmsBackendActivity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts for the dashboard, each one query on an indexed column or a table count (the
 * history over 24 hours reads the {@code received_at} index); the per-backend figures
 * come from {@link LmsBackendActivity}, as {@code GET /api/admin/lms-backends} does.
 */
@Service
class DashboardQueries {

	private static final Duration DAY = Duration.ofHours(24);

	private final JdbcClient jdbc;

	private final LmsBackendActivity backends;

	private final Clock clock;

	DashboardQueries(JdbcClient jdbc, LmsBackendActivity backends, Clock clock) {
		this.jdbc = jdbc;
		this.backends = backends;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Dashboard dashboard() {
		OffsetDateTime since = OffsetDateTime.ofInstant(this.clock.instant().minus(DAY), ZoneOffset.UTC);
		long courses = count("SELECT COUNT(*) FROM course");
		long changed = count("SELECT COUNT(*) FROM course WHERE unpublished_changes");
		long runs = count("SELECT COUNT(*) FROM course_run");
		long runsOfChanged = count(
				"SELECT COUNT(*) FROM course_run r JOIN course c ON c.id = r.course_id WHERE c.unpublished_changes");
		long syncs = this.jdbc.sql("SELECT COUNT(*) FROM sync_event WHERE received_at >= ?")
			.param(since)
			.query(Long.class)
			.single();
		long rejections = this.jdbc
			.sql("SELECT COUNT(*) FROM sync_event WHERE received_at >= ? AND outcome = 'rejected'")
			.param(since)
			.query(Long.class)
			.single();
		return new Dashboard(courses, runs, runsOfChanged, changed, syncs, rejections, this.backends.backends());
	}

	private long count(String sql) {
		return this.jdbc.sql(sql).query(Long.class).single();
	}

}
