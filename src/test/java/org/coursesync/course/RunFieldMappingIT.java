package org.coursesync.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coursesync.support.Database;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@link RunField} declares the column the entity mapping writes its accessor to, in
 * both run tables: the one-statement write on PostgreSQL and the history rely on it.
 */
@SpringBootTest
@ActiveProfiles("test")
class RunFieldMappingIT {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CourseRuns store;

	@Autowired
	PublicCourseRunRepository publicRuns;

	@Test
	void everyFieldIsStoredInTheColumnItDeclares() {
		Database db = new Database(this.jdbc);
		db.reset();
		UUID course = db.course("MAPPING", "Mapping");
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		CourseRun run = new CourseRun(UUID.randomUUID(), course, now);
		run.setSyncMode(SyncMode.SYNC_TO_PUBLIC);
		int index = 0;
		for (RunField field : RunField.values()) {
			run.set(field, sample(field, index++));
		}
		this.store.saveAndFlush(run);
		this.publicRuns.saveAndFlush(new PublicCourseRun(run, now));
		for (String table : List.of("course_run", "course_run_public")) {
			Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM " + table);
			index = 0;
			for (RunField field : RunField.values()) {
				assertThat(row).as(table + " has the column of " + field).containsKey(field.column());
				assertThat(stored(field, row.get(field.column())))
					.as(table + "." + field.column() + " holds " + field.jsonName())
					.isEqualTo(sample(field, index++));
			}
		}
	}

	/** A value of {@code field}'s type that no other field holds. */
	private static Object sample(RunField field, int index) {
		return switch (field.type()) {
			case TEXT -> "t" + index;
			case TIME -> Instant.parse("2030-01-01T00:00:00Z").plusSeconds(3600L * index);
			case LANGUAGES -> List.of("l" + index);
			case INTEGER -> 1000 + index;
			case DECIMAL -> new BigDecimal(index + ".50");
		};
	}

	/** The column's value as the field's type. */
	private static Object stored(RunField field, Object column) {
		return switch (field.type()) {
			case TIME -> (column instanceof OffsetDateTime time) ? time.toInstant() : column;
			case LANGUAGES -> new LanguagesConverter().convertToEntityAttribute((String) column);
			case DECIMAL -> ((BigDecimal) column).setScale(2);
			default -> column;
		};
	}

}
