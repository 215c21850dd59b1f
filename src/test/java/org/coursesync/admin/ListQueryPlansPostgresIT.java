package org.coursesync.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.coursesync.course.CourseFilter;
import org.coursesync.course.CourseListSql;
import org.coursesync.support.EmbeddedPostgresSupport;
import org.coursesync.synclog.SyncEventFilter;
import org.coursesync.synclog.SyncEventSql;
import org.coursesync.synclog.SyncOutcome;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin lists stay fast at volume: with 100,000 runs and 1,000,000 history rows on
 * PostgreSQL, the page query of every filter of the course list and of the sync history
 * reads an index, never a whole table. The queries are the application's own (its SQL
 * builders); the plans and their timings are printed, the timings never asserted.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class ListQueryPlansPostgresIT {

	/** A full read of a table that a list must not need. */
	private static final Pattern FULL_SCAN = Pattern
		.compile("Seq Scan on (course|course_run|course_title_word|sync_event) ");

	private static final Instant START = Instant.parse("2030-03-01T00:00:00Z");

	private static NamedParameterJdbcTemplate jdbc;

	@BeforeAll
	static void loadVolume() throws SQLException {
		EmbeddedPostgres server = EmbeddedPostgresSupport.server();
		try (Connection connection = server.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS list_plans");
			statement.execute("CREATE DATABASE list_plans");
		}
		DataSource database = server.getDatabase("postgres", "list_plans");
		Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/migration", "classpath:db/vendor/postgresql")
			.load()
			.migrate();
		long started = System.nanoTime();
		jdbc = new NamedParameterJdbcTemplate(database);
		// Indexes built once after the load, as the migrations define them, cost a
		// fraction
		// of a million insertions into each.
		List<String> indexes = jdbc.getJdbcTemplate()
			.queryForList(
					"SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i"
							+ " WHERE i.indrelid IN ('sync_event'::regclass, 'course_run'::regclass)"
							+ " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
					String.class);
		for (String index : indexes) {
			jdbc.getJdbcTemplate()
				.execute("DROP INDEX " + index.replaceFirst("^CREATE (UNIQUE )?INDEX (\\S+) .*$", "$2"));
		}
		new ResourceDatabasePopulator(new ClassPathResource("lists/volume.sql")).execute(database);
		indexes.forEach(jdbc.getJdbcTemplate()::execute);
		jdbc.getJdbcTemplate().execute("ANALYZE");
		System.out.printf("Loaded 20,000 courses, 100,000 runs, 1,000,000 history rows in %d s%n",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
		assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM sync_event", Long.class))
			.isEqualTo(1_000_000);
		assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM course_run", Long.class))
			.isEqualTo(100_000);
	}

	@Test
	void everyHistoryFilterReadsAnIndex() {
		UUID run = UUID.fromString("20000000-0000-0000-0000-000000000004");
		List<SyncEventFilter> filters = List.of(SyncEventFilter.ALL,
				history("https://lms1.test/courses/course-v1:X+C4/info", null, null, null, null, null, null),
				history(null, "https://lms1.test", null, null, null, null, null),
				history(null, null, SyncOutcome.REJECTED, null, null, null, null),
				history(null, null, SyncOutcome.UPDATED, null, null, null, null),
				history(null, null, null, "C000005", null, null, null),
				history(null, null, null, null, run, null, null),
				history(null, null, null, null, null, START.plusSeconds(86_400 * 4), START.plusSeconds(86_400 * 5)),
				history(null, null, null, null, null, null, START.plusSeconds(86_400)),
				history(null, "https://lms2.test", SyncOutcome.REJECTED, "C000007", null, START, null));
		for (SyncEventFilter filter : filters) {
			Map<String, Object> parameters = new LinkedHashMap<>();
			String sql = SyncEventSql.page(filter, parameters);
			parameters.put("limit", 51);
			parameters.put("offset", 0);
			assertReadsIndexes(filter.toString(), sql, parameters);
		}
	}

	@Test
	void everyCourseListFilterReadsAnIndex() {
		List<CourseFilter> filters = List.of(CourseFilter.ALL, courses("C0123", List.of(), null, null),
				courses(null, List.of("pyth"), null, null), courses(null, List.of("quantum", "cour"), null, null),
				courses(null, List.of(), true, null), courses(null, List.of(), false, null),
				courses(null, List.of(), null, true), courses(null, List.of(), null, false),
				courses("C01", List.of("music"), true, false));
		for (CourseFilter filter : filters) {
			for (Sort order : List.of(Sort.by("code"), Sort.by(Sort.Direction.DESC, "title"), Sort.by("createdAt"))) {
				Map<String, Object> parameters = new LinkedHashMap<>();
				String sql = CourseListSql.page(filter, order, parameters);
				parameters.put("limit", 21);
				parameters.put("offset", 0);
				assertReadsIndexes(filter + " " + order, sql, parameters);
			}
		}
		// The one order computed per course (its runs' latest update) reads every course:
		// printed, not asserted (docs/write-path.md).
		Map<String, Object> parameters = new LinkedHashMap<>(Map.of("limit", 21, "offset", 0));
		String sql = CourseListSql.page(CourseFilter.ALL, Sort.by(Sort.Direction.DESC, "updatedAt"), parameters);
		System.out.println("sort=updated_at,desc\n" + String.join("\n", plan("EXPLAIN ANALYZE " + sql, parameters)));
	}

	private static void assertReadsIndexes(String description, String sql, Map<String, Object> parameters) {
		List<String> plan = plan("EXPLAIN " + sql, parameters);
		List<String> analyzed = plan("EXPLAIN ANALYZE " + sql, parameters);
		System.out.println(description + ": " + analyzed.get(analyzed.size() - 1).strip());
		assertThat(plan).as(description + "\n" + String.join("\n", plan))
			.noneMatch((line) -> FULL_SCAN.matcher(line).find())
			.anyMatch((line) -> line.contains("Index"));
	}

	private static List<String> plan(String explain, Map<String, Object> parameters) {
		return jdbc.queryForList(explain, parameters, String.class);
	}

	private static SyncEventFilter history(String link, String backend, SyncOutcome outcome, String course, UUID run,
			Instant since, Instant until) {
		return new SyncEventFilter(link, backend, outcome, course, run, since, until);
	}

	private static CourseFilter courses(String prefix, List<String> words, Boolean published,
			Boolean unpublishedChanges) {
		return new CourseFilter(prefix, words, published, unpublishedChanges);
	}

}
