package org.coursesync.audit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.Poll;
import org.coursesync.support.TestClockConfiguration;
import org.coursesync.support.TestHttp.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log over real HTTP: every write by a person is recorded with its user, its
 * action, its target and the changed fields, in the write's transaction (a refused write
 * leaves no record, a record that cannot be stored takes the write with it), and
 * {@code GET /api/admin/audit-events} pages and filters the records.
 */
@Import(TestClockConfiguration.class)
class AuditIT extends HttpIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";

	static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	@Autowired
	MutableClock clock;

	@BeforeEach
	void setUp() {
		this.clock.set(T0);
	}

	private HttpResponse<String> call(TestUser user, String method, String path, String json) {
		HttpResponse<String> response = this.http.as(user, method, path, json);
		this.clock.set(this.clock.instant().plusSeconds(60));
		return response;
	}

	private List<Map<String, Object>> rows() {
		return this.jdbc.queryForList("SELECT * FROM audit_event ORDER BY occurred_at, id");
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static JsonNode tree(Object text) {
		return (text != null) ? JSON.readTree((String) text) : null;
	}

	@Test
	void recordsEveryWriteWithWhoWhatAndTheChangedFields() {
		assertThat(call(TestUser.EDITOR, "POST", "/api/admin/courses", """
				{"code": "demox", "title": "Demo"}""").statusCode()).isEqualTo(201);
		assertThat(call(TestUser.EDITOR, "PATCH", "/api/admin/courses/DEMOX", """
				{"title": "Demo course", "min_effort": 3, "max_effort": null}""").statusCode()).isEqualTo(200);
		HttpResponse<String> run = call(TestUser.EDITOR, "POST", "/api/admin/courses/DEMOX/runs", """
				{"resource_link": "%s", "languages": ["en"]}""".formatted(LINK));
		assertThat(run.statusCode()).isEqualTo(201);
		String runId = json(run).get("run").get("id").asString();
		assertThat(call(TestUser.EDITOR, "PATCH", "/api/admin/course-runs/" + runId, """
				{"title": "Spring", "enrollment_count": 0}""").statusCode()).isEqualTo(200);
		assertThat(call(TestUser.EDITOR, "POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
		assertThat(call(TestUser.ADMIN, "DELETE", "/api/admin/course-runs/" + runId, null).statusCode()).isEqualTo(204);
		assertThat(call(TestUser.ADMIN, "POST", "/api/admin/courses", """
				{"code": "OLD", "title": "Old"}""").statusCode()).isEqualTo(201);
		assertThat(call(TestUser.ADMIN, "DELETE", "/api/admin/courses/OLD", null).statusCode()).isEqualTo(204);

		List<Map<String, Object>> rows = rows();
		assertThat(rows).extracting((row) -> row.get("action"))
			.containsExactly("course.create", "course.update", "run.create", "run.update", "course.publish",
					"run.delete", "course.create", "course.delete");
		assertThat(rows).extracting((row) -> row.get("username"))
			.containsExactly("editor", "editor", "editor", "editor", "editor", "admin", "admin", "admin");
		assertThat(rows).extracting((row) -> row.get("course_code"))
			.containsExactly("DEMOX", "DEMOX", "DEMOX", "DEMOX", "DEMOX", "DEMOX", "OLD", "OLD");

		Map<String, Object> created = rows.get(0);
		assertThat(created.get("before_values")).isNull();
		assertThat(tree(created.get("after_values")).get("code").asString()).isEqualTo("DEMOX");
		assertThat(tree(created.get("after_values")).get("title").asString()).isEqualTo("Demo");
		// Only the changed fields: max_effort was null and stays null.
		assertThat(tree(rows.get(1).get("before_values"))).isEqualTo(JSON.readTree("""
				{"title": "Demo", "min_effort": null}"""));
		assertThat(tree(rows.get(1).get("after_values"))).isEqualTo(JSON.readTree("""
				{"title": "Demo course", "min_effort": 3}"""));
		Map<String, Object> runCreated = rows.get(2);
		assertThat(runCreated.get("run_id")).hasToString(runId);
		assertThat(runCreated.get("resource_link")).isEqualTo(LINK);
		assertThat(tree(runCreated.get("after_values")).get("languages")).isEqualTo(JSON.readTree("""
				["en"]"""));
		assertThat(tree(rows.get(3).get("before_values"))).isEqualTo(JSON.readTree("""
				{"title": null}"""));
		assertThat(tree(rows.get(3).get("after_values"))).isEqualTo(JSON.readTree("""
				{"title": "Spring"}"""));
		assertThat(tree(rows.get(4).get("before_values"))).isEqualTo(JSON.readTree("""
				{"published": false, "public_runs": []}"""));
		assertThat(tree(rows.get(4).get("after_values"))).isEqualTo(JSON.readTree("""
				{"published": true, "public_runs": ["%s"]}""".formatted(runId)));
		Map<String, Object> runDeleted = rows.get(5);
		assertThat(runDeleted.get("run_id")).hasToString(runId);
		assertThat(runDeleted.get("after_values")).isNull();
		assertThat(tree(runDeleted.get("before_values")).get("title").asString()).isEqualTo("Spring");
		assertThat(tree(runDeleted.get("before_values")).get("resource_link").asString()).isEqualTo(LINK);
		assertThat(tree(rows.get(7).get("before_values")).get("title").asString()).isEqualTo("Old");
		assertThat(rows.get(7).get("after_values")).isNull();
	}

	@Test
	void recordsAReconciliationStartedByAnAdmin() throws InterruptedException {
		HttpResponse<String> started = call(TestUser.ADMIN, "POST", "/api/admin/reconciliations", """
				{"lms_backend": "https://draft.lms"}""");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		assertThat(rows()).singleElement().satisfies((row) -> {
			assertThat(row.get("action")).isEqualTo("reconciliation.start");
			assertThat(row.get("username")).isEqualTo("admin");
			assertThat(tree(row.get("after_values")).get("lms_backend").asString()).isEqualTo("https://draft.lms");
			assertThat(tree(row.get("after_values")).get("reconciliation_id").asString())
				.isEqualTo(json(started).get("id").asString());
		});
		// The test profile's draft.lms does not resolve: the reconciliation fails soon,
		// and
		// leaves no lease that another test would find.
		String report = "/api/admin/reconciliations/" + json(started).get("id").asString();
		Poll.until("the reconciliation ends", Duration.ofSeconds(120), () -> !"running"
			.equals(json(this.http.as(TestUser.VIEWER, "GET", report, null)).get("status").asString()));
	}

	@Test
	void refusedWritesLeaveNoRecord() {
		this.db.course("DEMOX", "Demo");
		HttpResponse<String> invalid = call(TestUser.EDITOR, "PATCH", "/api/admin/courses/DEMOX", """
				{"title": "Kept?", "min_effort": -1}""");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(call(TestUser.EDITOR, "PATCH", "/api/admin/courses/NOPE", """
				{"title": "X"}""").statusCode()).isEqualTo(404);
		assertThat(call(TestUser.EDITOR, "POST", "/api/admin/courses", """
				{"code": "demox", "title": "Again"}""").statusCode()).isEqualTo(409);
		assertThat(call(TestUser.VIEWER, "PATCH", "/api/admin/courses/DEMOX", """
				{"title": "X"}""").statusCode()).isEqualTo(403);
		assertThat(call(TestUser.EDITOR, "POST", "/api/admin/courses/DEMOX/runs", """
				{"languages": ["zz"]}""").statusCode()).isEqualTo(400);
		assertThat(this.jdbc.queryForObject("SELECT title FROM course WHERE code = 'DEMOX'", String.class))
			.isEqualTo("Demo");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(rows()).isEmpty();
	}

	@Test
	void aRecordThatCannotBeStoredTakesTheWriteWithIt() {
		this.db.course("DEMOX", "Demo");
		HttpResponse<String> run = call(TestUser.ADMIN, "POST", "/api/admin/courses/DEMOX/runs", """
				{"resource_link": "%s", "languages": ["en"]}""".formatted(LINK));
		String runId = json(run).get("run").get("id").asString();
		this.jdbc.update("DELETE FROM audit_event");
		// The database now refuses these records, as a full disk or a broken column
		// would.
		this.jdbc.execute("ALTER TABLE audit_event ADD CONSTRAINT audit_refused"
				+ " CHECK (action NOT IN ('course.update', 'course.publish', 'run.delete'))");
		try {
			for (String[] write : List.of(new String[] { "PATCH", "/api/admin/courses/DEMOX", """
					{"title": "Lost"}""" }, new String[] { "POST", "/api/admin/courses/DEMOX/publish", null },
					new String[] { "DELETE", "/api/admin/course-runs/" + runId, null })) {
				HttpResponse<String> response = call(TestUser.ADMIN, write[0], write[1], write[2]);
				assertThat(response.statusCode()).as(write[0] + " " + write[1] + " " + response.body()).isEqualTo(500);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(json(response).get("detail").asString())
					.isEqualTo("The change was not stored: its audit record could not be written.");
				assertThat(json(response).get("request_id").asString()).isNotBlank();
			}
		}
		finally {
			this.jdbc.execute("ALTER TABLE audit_event DROP CONSTRAINT audit_refused");
		}
		assertThat(this.jdbc.queryForObject("SELECT title FROM course WHERE code = 'DEMOX'", String.class))
			.isEqualTo("Demo");
		assertThat(this.db.count("course_public")).isZero();
		assertThat(this.db.publicRuns()).isEmpty();
		assertThat(this.db.draftRuns()).hasSize(1);
		assertThat(rows()).isEmpty();
	}

	@Test
	void listsRecordsNewestFirstPagedAndFiltered() {
		call(TestUser.EDITOR, "POST", "/api/admin/courses", """
				{"code": "A", "title": "A"}""");
		call(TestUser.ADMIN, "POST", "/api/admin/courses", """
				{"code": "B", "title": "B"}""");
		call(TestUser.EDITOR, "PATCH", "/api/admin/courses/A", """
				{"title": "A2"}""");
		call(TestUser.ADMIN, "DELETE", "/api/admin/courses/B", null);

		HttpResponse<String> all = call(TestUser.VIEWER, "GET", "/api/admin/audit-events", null);
		assertThat(all.statusCode()).isEqualTo(200);
		JsonNode page = json(all);
		assertThat(page.get("total_items").asInt()).isEqualTo(4);
		assertThat(page.get("items").findValuesAsString("action")).containsExactly("course.delete", "course.update",
				"course.create", "course.create");
		JsonNode newest = page.get("items").get(0);
		assertThat(newest.propertyNames()).containsExactlyInAnyOrder("id", "at", "username", "action", "course_code",
				"run_id", "resource_link", "before", "after");
		assertThat(newest.get("at").asString()).isEqualTo("2030-01-01T00:03:00Z");
		assertThat(newest.get("username").asString()).isEqualTo("admin");
		assertThat(newest.get("course_code").asString()).isEqualTo("B");
		assertThat(newest.get("before").get("title").asString()).isEqualTo("B");
		assertThat(newest.get("after").isEmpty()).isTrue();

		JsonNode second = json(call(TestUser.VIEWER, "GET", "/api/admin/audit-events?size=1&page=1", null));
		assertThat(second.get("total_pages").asInt()).isEqualTo(4);
		assertThat(second.get("items").findValuesAsString("action")).containsExactly("course.update");
		assertThat(codes("username=editor")).containsExactly("A", "A");
		assertThat(codes("action=course.create")).containsExactly("B", "A");
		assertThat(codes("course=a")).containsExactly("A", "A");
		assertThat(codes("since=2030-01-01T00:01:00Z&until=2030-01-01T00:03:00Z")).containsExactly("A", "B");
		assertThat(codes("since=2030-01-02")).isEmpty();

		for (String[] bad : List.of(new String[] { "action=course.rename", "Invalid 'action'" },
				new String[] { "since=yesterday", "Invalid 'since'" }, new String[] { "size=501", "Invalid 'size'" },
				new String[] { "user=admin", "Unknown parameters [user]" })) {
			HttpResponse<String> response = call(TestUser.VIEWER, "GET", "/api/admin/audit-events?" + bad[0], null);
			assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(json(response).get("detail").asString()).as(bad[0]).startsWith(bad[1]);
		}
	}

	private List<String> codes(String query) {
		HttpResponse<String> response = call(TestUser.VIEWER, "GET", "/api/admin/audit-events?" + query, null);
		assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(200);
		return json(response).get("items").findValuesAsString("course_code");
	}

}
