package org.coursesync.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.coursesync.support.HttpIT;
import org.coursesync.support.RawHttp;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's lists tell the truth: history outcomes and filters, the course list's
 * publication state, filters and update times, and a 400 for a query parameter an
 * operation does not take.
 */
class AdminListsIT extends HttpIT {

	static final String LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";

	static final String OTHER_LINK = "https://draft.lms/courses/course-v1:edX+Other+01/info";

	static final String PUBLIC_LINK = "https://protected.lms/courses/course-v1:edX+DemoX+02/info";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonNode get(String path) {
		HttpResponse<String> response = this.http.adminGet(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private void createCourse(String code, String title) {
		assertThat(this.http.admin("POST", "/api/admin/courses", """
				{"code": "%s", "title": "%s"}""".formatted(code, title)).statusCode()).isEqualTo(201);
	}

	private void sync(String body) {
		HttpResponse<String> response = this.http.sync(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("""
				{"success":true}""");
	}

	private List<String> outcomes() {
		return this.db.events().stream().map((row) -> (String) row.get("outcome")).toList();
	}

	@Test
	void recordsAResentPayloadAsUnchanged() {
		createCourse("DemoX", "Demo");
		String payload = """
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": 5}""".formatted(LINK);
		sync(payload);
		Map<String, Object> created = this.db.draftRuns().get(0);
		sync(payload);
		// Nothing of the run was written: same version, same update time.
		Map<String, Object> resent = this.db.draftRuns().get(0);
		assertThat(resent.get("version")).isEqualTo(created.get("version"));
		assertThat(resent.get("updated_at")).isEqualTo(created.get("updated_at"));
		assertThat(outcomes()).containsExactly("created", "unchanged");
		assertThat(this.db.events().get(1).get("changes")).isNull();
		JsonNode newest = get("/api/admin/sync-events?size=1").get("items").get(0);
		assertThat(newest.get("outcome").asString()).isEqualTo("unchanged");
		assertThat(newest.get("changes").isEmpty()).isTrue();
		// A batch: the first item changes the run, the second (the same) changes nothing.
		String changed = """
				{"resource_link": "%s", "enrollment_count": 6}""".formatted(LINK);
		HttpResponse<String> batch = this.http.sync("[" + changed + ", " + changed + "]");
		assertThat(batch.body()).isEqualTo("""
				{"%s":{"success":true}}""".formatted(LINK));
		assertThat(outcomes()).containsExactly("created", "unchanged", "updated", "unchanged");
		assertThat(this.db.draftRuns().get(0).get("enrollment_count")).isEqualTo(6);
	}

	@Test
	void recordsAResentPayloadOfAPublicRunAsUnchanged() {
		createCourse("DemoX", "Demo");
		this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null);
		String payload = """
				{"resource_link": "%s", "languages": ["fr"], "price": "10"}""".formatted(PUBLIC_LINK);
		sync(payload);
		sync(payload);
		assertThat(outcomes()).containsExactly("created", "unchanged");
		sync("""
				{"resource_link": "%s", "price": "12"}""".formatted(PUBLIC_LINK));
		assertThat(outcomes()).containsExactly("created", "unchanged", "updated");
		assertThat(this.db.publicRuns().get(0).get("price").toString()).isEqualTo("12.00");
	}

	@Test
	void filtersTheHistoryByCourseAndRun() {
		createCourse("DemoX", "Demo");
		createCourse("Other", "Other");
		sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(LINK));
		sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(OTHER_LINK));
		sync("""
				{"resource_link": "%s", "enrollment_count": 3}""".formatted(LINK));
		String runId = this.db.draftRuns()
			.stream()
			.filter((row) -> LINK.equals(row.get("resource_link")))
			.findFirst()
			.orElseThrow()
			.get("id")
			.toString();
		JsonNode demo = get("/api/admin/sync-events?course_code=demox");
		assertThat(demo.get("items").findValuesAsString("outcome")).containsExactly("updated", "created");
		assertThat(demo.get("items").findValuesAsString("course_code")).containsOnly("DEMOX");
		assertThat(
				get("/api/admin/sync-events?course_run_id=" + runId).get("items").findValuesAsString("course_run_id"))
			.containsExactly(runId, runId);
		assertThat(get("/api/admin/sync-events?course_code=OTHER&outcome=updated").get("items")).isEmpty();
		assertThat(get("/api/admin/sync-events?resource_link=" + URLEncoder.encode(OTHER_LINK, StandardCharsets.UTF_8)
				+ "&lms_backend=https://draft.lms")
			.get("items")
			.findValuesAsString("course_code")).containsExactly("OTHER");
		// Newest first, paged without a count: has_next says whether to ask for more.
		JsonNode first = get("/api/admin/sync-events?size=2");
		assertThat(first.get("items")).hasSize(2);
		assertThat(first.get("has_next").asBoolean()).isTrue();
		assertThat(first.has("total_items")).isFalse();
		JsonNode last = get("/api/admin/sync-events?size=2&page=1");
		assertThat(last.get("items")).hasSize(1);
		assertThat(last.get("has_next").asBoolean()).isFalse();
		assertThat(last.get("items").get(0).get("outcome").asString()).isEqualTo("created");
		assertProblem(this.http.adminGet("/api/admin/sync-events?course_run_id=42"), "Invalid 'course_run_id'");
		assertProblem(this.http.adminGet("/api/admin/sync-events?course_code=!!!"), "Invalid 'course_code'");
	}

	@Test
	void refusesUnknownQueryParameters() throws IOException {
		createCourse("DemoX", "Demo");
		assertThat(this.http.sync("""
				{"resource_link": "%s", "languages": ["zz"]}""".formatted(LINK)).statusCode()).isEqualTo(400);
		HttpResponse<String> typo = this.http.adminGet("/api/admin/sync-events?outcom=rejected");
		JsonNode problem = assertProblem(typo, "Unknown query parameter 'outcom'; known: course_code, course_run_id, "
				+ "lms_backend, outcome, page, resource_link, since, size, until.");
		assertThat(problem.get("request_id").asString()).isEqualTo(typo.headers().firstValue("X-Request-Id").get());
		assertProblem(this.http.adminGet("/api/admin/courses?code=DEMO"), "Unknown query parameter 'code'; known: "
				+ "code_prefix, page, published, q, size, sort, unpublished_changes.");
		assertProblem(this.http.adminGet("/api/admin/courses/DEMOX?expand=runs"),
				"Unknown query parameter 'expand'; this operation takes none.");
		assertProblem(this.http.adminGet("/api/admin/reconciliations?pages=2"), "Unknown query parameter 'pages'");
		// Not only reads: a write with an unknown parameter is refused, and writes
		// nothing.
		assertProblem(this.http.admin("POST", "/api/admin/courses?dry_run=true", """
				{"code": "New", "title": "New"}"""), "Unknown query parameter 'dry_run'");
		assertThat(this.db.count("course")).isEqualTo(1);
		// A query string that does not decode: the filter's problem has the request id
		// too.
		RawHttp.Response undecodable = RawHttp.get(this.port, "/api/admin/sync-events?outcome=%zz",
				"Authorization: " + TestHttp.adminAuthorization(), "X-Request-Id: bad-query-1");
		assertThat(undecodable.status()).isEqualTo(400);
		assertThat(JSON.readTree(undecodable.body()).get("request_id").asString()).isEqualTo("bad-query-1");
	}

	@Test
	void listsCoursesWithTheirPublicationState() {
		createCourse("A1", "Introduction to Python");
		createCourse("A2", "Python avancé");
		createCourse("B1", "Économie du développement");
		this.http.admin("POST", "/api/admin/courses/A1/publish", null);
		this.http.admin("POST", "/api/admin/courses/A2/publish", null);
		this.http.admin("PATCH", "/api/admin/courses/A2", """
				{"min_effort": 3}""");
		JsonNode page = get("/api/admin/courses");
		assertThat(page.get("items").findValuesAsString("code")).containsExactly("A1", "A2", "B1");
		assertThat(page.get("items").findValues("published").stream().map(JsonNode::asBoolean)).containsExactly(true,
				true, false);
		assertThat(page.get("items").findValues("unpublished_changes").stream().map(JsonNode::asBoolean))
			.containsExactly(false, true, false);
		assertThat(page.get("total_items").asInt()).isEqualTo(3);
		assertThat(page.get("has_next").asBoolean()).isFalse();
		assertThat(codes("published=true")).containsExactly("A1", "A2");
		assertThat(codes("published=false")).containsExactly("B1");
		assertThat(codes("unpublished_changes=true")).containsExactly("A2");
		assertThat(codes("unpublished_changes=false&published=true")).containsExactly("A1");
		assertThat(codes("code_prefix=a")).containsExactly("A1", "A2");
		assertThat(codes("code_prefix=%20a1")).containsExactly("A1");
		// Words of the title: all must match (as the start of a word), any case or
		// accent.
		assertThat(codes("q=python")).containsExactly("A1", "A2");
		assertThat(codes("q=PYTH+intro")).containsExactly("A1");
		assertThat(codes("q=avance")).containsExactly("A2");
		assertThat(codes("q=economie+d%C3%A9v")).containsExactly("B1");
		assertThat(codes("q=python+economie")).isEmpty();
		assertThat(codes("q=thon")).isEmpty();
		assertThat(codes("q=python&published=true&code_prefix=A2")).containsExactly("A2");
		// A new title is searched by its own words.
		this.http.admin("PATCH", "/api/admin/courses/B1", """
				{"title": "Data science"}""");
		assertThat(codes("q=economie")).isEmpty();
		assertThat(codes("q=data+SCI")).containsExactly("B1");
		assertThat(this.jdbc.queryForList("SELECT word FROM course_title_word w JOIN course c ON c.id = w.course_id "
				+ "WHERE c.code = 'B1' ORDER BY word", String.class))
			.containsExactly("data", "science");
		assertThat(this.http.admin("DELETE", "/api/admin/courses/B1", null).statusCode()).isEqualTo(204);
		assertThat(this.db.count("course_title_word")).isEqualTo(5);
		assertProblem(this.http.adminGet("/api/admin/courses?published=yes"),
				"Invalid 'published': expected true or false.");
		assertProblem(this.http.adminGet("/api/admin/courses?unpublished_changes=1"),
				"Invalid 'unpublished_changes': expected true or false.");
		assertProblem(this.http.adminGet("/api/admin/courses?q=%21%21"), "Invalid 'q'");
		assertProblem(this.http.adminGet("/api/admin/courses?code_prefix=%21"), "Invalid 'code_prefix'");
	}

	private List<String> codes(String query) {
		return get("/api/admin/courses?" + query).get("items").findValuesAsString("code");
	}

	@Test
	void movesACoursesUpdateTimeWhenItsRunsChange() {
		createCourse("DemoX", "Demo");
		Instant created = updatedAt();
		// Not scheduled: the course's own row (its unpublished-changes flag) is not
		// written.
		sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(LINK));
		Instant synced = updatedAt();
		assertThat(synced).isAfter(created).isEqualTo(runUpdatedAt());
		assertThat(this.jdbc.queryForObject("SELECT updated_at FROM course", OffsetDateTime.class).toInstant())
			.isEqualTo(created);
		sync("""
				{"resource_link": "%s", "enrollment_count": 7}""".formatted(LINK));
		Instant updated = updatedAt();
		assertThat(updated).isAfter(synced).isEqualTo(runUpdatedAt());
		// A sync that changes nothing leaves it.
		sync("""
				{"resource_link": "%s", "enrollment_count": 7}""".formatted(LINK));
		assertThat(updatedAt()).isEqualTo(updated);
		String id = this.db.draftRuns().get(0).get("id").toString();
		this.http.admin("PATCH", "/api/admin/course-runs/" + id, """
				{"title": "Edited"}""");
		Instant edited = updatedAt();
		assertThat(edited).isAfter(updated);
		this.http.admin("DELETE", "/api/admin/course-runs/" + id, null);
		assertThat(updatedAt()).isAfter(edited);
	}

	/** The course's update time in the list and in its view, which must agree. */
	private Instant updatedAt() {
		Instant listed = Instant.parse(get("/api/admin/courses").get("items").get(0).get("updated_at").asString());
		Instant shown = Instant.parse(get("/api/admin/courses/DEMOX").get("updated_at").asString());
		assertThat(shown).isEqualTo(listed);
		return listed;
	}

	private Instant runUpdatedAt() {
		return Instant.parse(get("/api/admin/courses/DEMOX").get("draft_runs").get(0).get("updated_at").asString());
	}

	private JsonNode assertProblem(HttpResponse<String> response, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("detail").asString()).startsWith(detail);
		assertThat(problem.get("request_id").asString()).isNotBlank();
		return problem;
	}

}
