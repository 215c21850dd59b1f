package org.coursesync.admin;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.coursesync.support.HttpIT;
import org.coursesync.support.RawHttp;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API over real HTTP: courses, runs, publish and history, with RFC 9457 errors.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminApiIT extends HttpIT {

	static final String DRAFT_LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> createCourse(String code, String title) {
		return this.http.admin("POST", "/api/admin/courses", """
				{"code": "%s", "title": "%s"}""".formatted(code, title));
	}

	/**
	 * Text no database stores (a NUL, which PostgreSQL refuses; a lone surrogate) or
	 * longer than its column: a 400 problem naming the field, nothing stored, on H2 as on
	 * PostgreSQL.
	 */
	@Test
	void refusesTextsTheDatabaseCannotStore(CapturedOutput output) {
		assertThat(createCourse("DemoX", "Demo").statusCode()).isEqualTo(201);
		HttpResponse<String> course = this.http.admin("POST", "/api/admin/courses", """
				{"code": "Other", "title": "A\\u0000B"}""");
		assertFieldErrors(course, Map.of("title", "Null characters are not allowed."));
		HttpResponse<String> patch = this.http.admin("PATCH", "/api/admin/courses/DEMOX", """
				{"title": "T\\ud800", "marketing_url": "https://x.test/\\u0000", "pacing_type": "%s"}"""
			.formatted("x".repeat(33)));
		assertFieldErrors(patch,
				Map.of("title", "Surrogate characters are not allowed: U+D800.", "marketing_url",
						"Null characters are not allowed.", "pacing_type",
						"Ensure this field has no more than 32 characters."));
		assertThat(this.jdbc.queryForList("SELECT code, title, marketing_url FROM course")).singleElement()
			.satisfies((stored) -> {
				assertThat(stored.get("code")).isEqualTo("DEMOX");
				assertThat(stored.get("title")).isEqualTo("Demo");
				assertThat(stored.get("marketing_url")).isNull();
			});
		HttpResponse<String> run = this.http.admin("POST", "/api/admin/courses/DEMOX/runs", """
				{"resource_link": "%s\\u0000", "languages": ["en"], "title": "Spring\\u0000"}""".formatted(DRAFT_LINK));
		assertFieldErrors(run, Map.of("resource_link", "Null characters are not allowed.", "title",
				"Null characters are not allowed."));
		assertThat(this.db.draftRuns()).isEmpty();
		HttpResponse<String> created = this.http.admin("POST", "/api/admin/courses/DEMOX/runs", """
				{"resource_link": "%s", "languages": ["en"]}""".formatted(DRAFT_LINK));
		assertThat(created.statusCode()).isEqualTo(201);
		String id = json(created).get("run").get("id").asString();
		HttpResponse<String> edit = this.http.admin("PATCH", "/api/admin/course-runs/" + id, """
				{"discount": "%s", "price_currency": "E\\u0000", "price": 1e300000000, \
				"enrollment_count": 1e999999999, "title": "%s"}""".formatted("x".repeat(21), "t".repeat(256)));
		assertFieldErrors(edit,
				Map.of("enrollment_count", "A valid integer is required.", "price", "A valid number is required.",
						"price_currency", "Null characters are not allowed.", "discount",
						"Ensure this field has no more than 20 characters.", "title",
						"Expected a string of at most 255 characters, or null."));
		assertThat(this.db.draftRuns()).singleElement().satisfies((stored) -> {
			assertThat(stored.get("discount")).isNull();
			assertThat(stored.get("price_currency")).isEqualTo("EUR");
			assertThat(stored.get("title")).isNull();
		});
		assertThat(output.getAll().lines().filter((line) -> line.matches("^\\S+\\s+ERROR\\b.*-exec-\\d+\\].*")))
			.as("no ERROR is logged for a refused input")
			.isEmpty();
	}

	private void assertFieldErrors(HttpResponse<String> response, Map<String, String> expected) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode errors = json(response).get("errors");
		assertThat(errors.propertyNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		expected
			.forEach((field, message) -> assertThat(errors.get(field).get(0).asString()).as(field).isEqualTo(message));
	}

	@Test
	void refusesRequestsWithoutTheAdminLogin() {
		HttpResponse<String> anonymous = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/admin/courses")).GET());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(anonymous).get("detail").asString()).contains("HTTP Basic");
		assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
		HttpResponse<String> wrong = this.http.send(HttpRequest.newBuilder(this.http.uri("/api/admin/courses"))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"code":"X","title":"X"}""")));
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(this.db.count("course")).isZero();
	}

	@Test
	void createsCoursesWithNormalizedUniqueCodes() {
		HttpResponse<String> created = createCourse("Demo X", "Demonstration");
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/courses/DEMO-X");
		JsonNode body = json(created);
		assertThat(body.get("code").asString()).isEqualTo("DEMO-X");
		assertThat(body.get("title").asString()).isEqualTo("Demonstration");
		assertThat(body.get("published").asBoolean()).isFalse();
		assertThat(body.get("unpublished_changes").asBoolean()).isFalse();
		assertThat(body.get("draft_runs").isEmpty()).isTrue();
		HttpResponse<String> duplicate = createCourse("demo-x", "Again");
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(json(duplicate).get("detail").asString()).isEqualTo("A course with code DEMO-X already exists.");
		assertThat(this.db.count("course")).isEqualTo(1);
	}

	@Test
	void rejectsInvalidCoursesWithFieldErrors() {
		HttpResponse<String> noTitle = this.http.admin("POST", "/api/admin/courses", """
				{"code": "X"}""");
		assertThat(noTitle.statusCode()).isEqualTo(400);
		assertThat(json(noTitle).get("errors").get("title").get(0).asString()).isEqualTo("This field is required.");
		HttpResponse<String> badCode = this.http.admin("POST", "/api/admin/courses", """
				{"code": "!!!", "title": "x"}""");
		assertThat(badCode.statusCode()).isEqualTo(400);
		assertThat(json(badCode).get("detail").asString()).startsWith("Invalid course code '!!!'");
		HttpResponse<String> malformed = this.http.admin("POST", "/api/admin/courses", """
				{"code":\s""");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(json(malformed).get("detail").asString()).contains("not valid JSON");
		assertThat(this.db.count("course")).isZero();
	}

	@Test
	void listsCoursesPagedSortedAndFiltered() {
		createCourse("B1", "Bravo");
		createCourse("A1", "Alpha");
		createCourse("A2", "Alpha two");
		this.jdbc.update("UPDATE course SET unpublished_changes = TRUE WHERE code = 'A2'");
		JsonNode page = json(this.http.adminGet("/api/admin/courses?size=2"));
		assertThat(page.get("total_items").asInt()).isEqualTo(3);
		assertThat(page.get("total_pages").asInt()).isEqualTo(2);
		assertThat(page.get("items").findValuesAsString("code")).containsExactly("A1", "A2");
		assertThat(
				json(this.http.adminGet("/api/admin/courses?sort=title,desc")).get("items").findValuesAsString("code"))
			.containsExactly("B1", "A2", "A1");
		assertThat(json(this.http.adminGet("/api/admin/courses?code_prefix=a")).get("items").findValuesAsString("code"))
			.containsExactly("A1", "A2");
		assertThat(json(this.http.adminGet("/api/admin/courses?unpublished_changes=true")).get("items")
			.findValuesAsString("code")).containsExactly("A2");
		HttpResponse<String> badSort = this.http.adminGet("/api/admin/courses?sort=price");
		assertThat(badSort.statusCode()).isEqualTo(400);
		assertThat(json(badSort).get("detail").asString()).startsWith("Invalid 'sort'");
		HttpResponse<String> badSize = this.http.adminGet("/api/admin/courses?size=1000");
		assertThat(badSize.statusCode()).isEqualTo(400);
		assertThat(json(badSize).get("detail").asString())
			.isEqualTo("Invalid 'size': expected an integer from 1 to 100.");
		HttpResponse<String> notANumber = this.http.adminGet("/api/admin/courses?page=x");
		assertThat(notANumber.statusCode()).isEqualTo(400);
		assertThat(json(notANumber).get("detail").asString())
			.isEqualTo("Invalid value for 'page': an integer expected.");
	}

	@Test
	void rejectsBadPercentEncodingWithAProblem() throws IOException {
		String login = "Authorization: " + TestHttp.adminAuthorization();
		RawHttp.Response response = RawHttp.get(this.port, "/api/admin/courses?page=%zz", login);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.head()).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(JSON.readTree(response.body()).get("detail").asString())
			.startsWith("Invalid query parameter 'page': send names and values as percent-encoded UTF-8");
		assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("title").asString()).isEqualTo("Bad Request");
		assertThat(response.body()).doesNotContain("null");
		RawHttp.Response history = RawHttp.get(this.port, "/api/admin/sync-events?since=%ZZ&size=1", login);
		assertThat(history.status()).isEqualTo(400);
		assertThat(JSON.readTree(history.body()).get("detail").asString())
			.startsWith("Invalid query parameter 'since'");
	}

	@Test
	void answers404ForUnknownCourses() {
		HttpResponse<String> response = this.http.adminGet("/api/admin/courses/NOPE");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(json(response).get("detail").asString()).startsWith("No course with code NOPE");
	}

	@Test
	void editsCoursesWithMergePatch() {
		createCourse("DemoX", "Demo");
		HttpResponse<String> patched = this.http.admin("PATCH", "/api/admin/courses/demox", """
				{"min_effort": 2, "max_effort": 4, "pacing_type": "self_paced", \
				"marketing_url": "https://example.com/demo", "modular_credit": 4}""");
		assertThat(patched.statusCode()).isEqualTo(200);
		assertThat(json(patched).get("max_effort").asInt()).isEqualTo(4);
		HttpResponse<String> cleared = this.http.admin("PATCH", "/api/admin/courses/DEMOX", """
				{"max_effort": null}""");
		assertThat(json(cleared).get("max_effort").isNull()).isTrue();
		assertThat(json(cleared).get("min_effort").asInt()).isEqualTo(2);
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM course WHERE code = 'DEMOX'");
		assertThat(row.get("max_effort")).isNull();
		assertThat(row.get("pacing_type")).isEqualTo("self_paced");
		HttpResponse<String> invalid = this.http.admin("PATCH", "/api/admin/courses/DEMOX", """
				{"min_effort": -1, "pacing_type": "fast", "title": null, "marketing_url": "ftp://x"}""");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(json(invalid).get("errors").propertyNames()).containsExactlyInAnyOrder("title", "min_effort",
				"pacing_type", "marketing_url");
		HttpResponse<String> unknown = this.http.admin("PATCH", "/api/admin/courses/DEMOX", """
				{"code": "Y"}""");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(json(unknown).get("detail").asString()).startsWith("Unknown fields [code]");
		assertThat(this.jdbc.queryForObject("SELECT title FROM course WHERE code = 'DEMOX'", String.class))
			.isEqualTo("Demo");
	}

	@Test
	void runsTheWholeCatalogLifeCycle() {
		createCourse("DemoX", "Demo");
		// A sync_to_draft LMS creates the run; the course now has unpublished changes.
		assertThat(this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], \
				"start": "2030-01-01T00:00:00Z", "enrollment_start": "2029-12-01T00:00:00Z", \
				"price": "10"}""".formatted(DRAFT_LINK)).statusCode()).isEqualTo(200);
		JsonNode course = json(this.http.adminGet("/api/admin/courses/DEMOX"));
		assertThat(course.get("unpublished_changes").asBoolean()).isTrue();
		assertThat(course.get("draft_runs")).hasSize(1);
		assertThat(course.get("public_runs")).isEmpty();
		JsonNode run = course.get("draft_runs").get(0);
		assertThat(run.get("sync_mode").asString()).isEqualTo("sync_to_draft");
		assertThat(run.get("price").asString()).isEqualTo("10.00");
		assertThat(run.get("start").asString()).isEqualTo("2030-01-01T00:00:00Z");
		// Publish: the public copy equals the draft, the flag is cleared.
		HttpResponse<String> published = this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null);
		assertThat(published.statusCode()).isEqualTo(200);
		course = json(published);
		assertThat(course.get("published").asBoolean()).isTrue();
		assertThat(course.get("unpublished_changes").asBoolean()).isFalse();
		JsonNode copy = course.get("public_runs").get(0);
		assertThat(copy.get("draft_run_id").asString()).isEqualTo(run.get("id").asString());
		for (String field : List.of("resource_link", "start", "languages", "price", "sync_mode",
				"catalog_visibility")) {
			assertThat(copy.get(field)).as(field).isEqualTo(run.get(field));
		}
		assertThat(this.db.publicRuns()).hasSize(1);
		assertThat(this.db.count("course_public")).isEqualTo(1);
		// A later sync_to_draft update stays in the draft until the next publish.
		this.http.sync("""
				{"resource_link": "%s", "enrollment_count": 99}""".formatted(DRAFT_LINK));
		assertThat(this.db.publicRuns().get(0).get("enrollment_count")).isEqualTo(0);
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
		this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null);
		assertThat(this.db.publicRuns().get(0).get("enrollment_count")).isEqualTo(99);
		// The history shows both syncs, newest first, with what changed.
		JsonNode events = json(this.http
			.adminGet("/api/admin/sync-events?resource_link=" + URLEncoder.encode(DRAFT_LINK, StandardCharsets.UTF_8)));
		assertThat(events.get("items").findValuesAsString("outcome")).containsExactly("updated", "created");
		assertThat(events.get("items").get(0).get("changes").get("enrollment_count").get("after").asInt())
			.isEqualTo(99);
	}

	@Test
	void publishRemovesPublicRunsWhoseDraftWasDeleted() {
		createCourse("DemoX", "Demo");
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(DRAFT_LINK));
		this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null);
		String runId = this.db.draftRuns().get(0).get("id").toString();
		assertThat(this.http.admin("DELETE", "/api/admin/course-runs/" + runId, null).statusCode()).isEqualTo(204);
		// The public copy stays until the next publish.
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.publicRuns()).hasSize(1);
		assertThat(this.http.admin("DELETE", "/api/admin/courses/DEMOX", null).statusCode()).isEqualTo(409);
		JsonNode published = json(this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null));
		assertThat(published.get("public_runs")).isEmpty();
		assertThat(this.db.publicRuns()).isEmpty();
		assertThat(this.http.admin("DELETE", "/api/admin/courses/DEMOX", null).statusCode()).isEqualTo(204);
		assertThat(this.db.count("course")).isZero();
		assertThat(this.db.count("course_public")).isZero();
	}

	@Test
	void createsEditsAndDeletesRunsByHand() {
		createCourse("DemoX", "Demo");
		HttpResponse<String> created = this.http.admin("POST", "/api/admin/courses/DEMOX/runs", """
				{"title": "Spring 2030", "languages": ["fr"], "resource_link": \
				"https://manual.lms/courses/course-v1:edX+DemoX+02/info", "start": "2030-03-01"}""");
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode run = json(created).get("run");
		String id = run.get("id").asString();
		assertThat(created.headers().firstValue("Location")).hasValue("/api/admin/course-runs/" + id);
		assertThat(run.get("sync_mode").asString()).isEqualTo("manual");
		assertThat(run.get("lms_backend").asString()).isEqualTo("https://manual.lms");
		assertThat(run.get("price_currency").asString()).isEqualTo("EUR");
		assertThat(json(created).get("public_run").isNull()).isTrue();
		HttpResponse<String> patched = this.http.admin("PATCH", "/api/admin/course-runs/" + id, """
				{"sync_mode": "sync_to_public", "title": null, "display_mode": "compact", "price": 12.5}""");
		assertThat(patched.statusCode()).isEqualTo(200);
		Map<String, Object> row = this.db.draftRuns().get(0);
		assertThat(row.get("sync_mode")).isEqualTo("sync_to_public");
		assertThat(row.get("title")).isNull();
		assertThat(row.get("display_mode")).isEqualTo("compact");
		assertThat(row.get("price").toString()).isEqualTo("12.50");
		HttpResponse<String> invalid = this.http.admin("PATCH", "/api/admin/course-runs/" + id, """
				{"sync_mode": "auto", "enrollment_count": -1, "languages": ["zz"]}""");
		assertThat(invalid.statusCode()).isEqualTo(400);
		JsonNode errors = json(invalid).get("errors");
		assertThat(errors.get("enrollment_count").get(0).asString())
			.isEqualTo("Ensure this value is greater than or equal to 0.");
		assertThat(errors.get("languages").get(0).asString()).isEqualTo("\"zz\" is not a valid choice.");
		assertThat(errors.get("sync_mode").get(0).asString())
			.isEqualTo("Expected manual, sync_to_draft or sync_to_public.");
		assertThat(this.db.draftRuns().get(0).get("sync_mode")).isEqualTo("sync_to_public");
		HttpResponse<String> taken = this.http.admin("POST", "/api/admin/courses/DEMOX/runs", """
				{"languages": ["fr"], "resource_link": "https://manual.lms/courses/course-v1:edX+DemoX+02/info"}""");
		assertThat(taken.statusCode()).isEqualTo(409);
		HttpResponse<String> noLanguages = this.http.admin("POST", "/api/admin/courses/DEMOX/runs", "{}");
		assertThat(noLanguages.statusCode()).isEqualTo(400);
		assertThat(json(noLanguages).get("errors").get("languages").get(0).asString())
			.isEqualTo("This field is required.");
		assertThat(this.http.adminGet("/api/admin/course-runs/" + id).statusCode()).isEqualTo(200);
		assertThat(this.http.adminGet("/api/admin/course-runs/not-a-uuid").statusCode()).isEqualTo(400);
		assertThat(this.http.adminGet("/api/admin/course-runs/00000000-0000-0000-0000-000000000000").statusCode())
			.isEqualTo(404);
		assertThat(this.http.admin("DELETE", "/api/admin/course-runs/" + id, null).statusCode()).isEqualTo(204);
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void editingAScheduledRunMarksThePublishedCourseDirty() {
		createCourse("DemoX", "Demo");
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], \
				"start": "2030-01-01T00:00:00Z", "enrollment_start": "2029-12-01T00:00:00Z"}""".formatted(DRAFT_LINK));
		this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null);
		String id = this.db.draftRuns().get(0).get("id").toString();
		assertThat(this.db.unpublishedChanges("DEMOX")).isFalse();
		this.http.admin("PATCH", "/api/admin/course-runs/" + id, """
				{"title": "New title"}""");
		// Richie compares fields other than the title: a title-only change is not
		// "dirty".
		assertThat(this.db.unpublishedChanges("DEMOX")).isFalse();
		this.http.admin("PATCH", "/api/admin/course-runs/" + id, """
				{"enrollment_count": 5}""");
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
	}

	@Test
	void filtersTheHistory() {
		createCourse("DemoX", "Demo");
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(DRAFT_LINK));
		this.http.sync("""
				{"resource_link": "%s", "languages": ["zz"]}""".formatted(DRAFT_LINK));
		this.http.sync("""
				{"resource_link": "https://nowhere/x"}""");
		JsonNode rejected = json(this.http.adminGet("/api/admin/sync-events?outcome=rejected"));
		assertThat(rejected.get("items")).hasSize(2);
		assertThat(rejected.get("items").get(1).get("errors").get("languages").get(0).asString())
			.isEqualTo("\"zz\" is not a valid choice.");
		assertThat(json(this.http.adminGet("/api/admin/sync-events?lms_backend=https://draft.lms")).get("items"))
			.hasSize(2);
		assertThat(json(this.http.adminGet("/api/admin/sync-events?since=2999-01-01")).get("items")).isEmpty();
		assertThat(json(this.http.adminGet("/api/admin/sync-events?until=2999-01-01T00:00:00Z")).get("items"))
			.hasSize(3);
		HttpResponse<String> badOutcome = this.http.adminGet("/api/admin/sync-events?outcome=lost");
		assertThat(badOutcome.statusCode()).isEqualTo(400);
		assertThat(json(badOutcome).get("detail").asString()).startsWith("Invalid 'outcome'");
		HttpResponse<String> badSince = this.http.adminGet("/api/admin/sync-events?since=yesterday");
		assertThat(badSince.statusCode()).isEqualTo(400);
		assertThat(json(badSince).get("detail").asString()).startsWith("Invalid 'since'");
		assertThat(this.http.adminGet("/api/admin/sync-events").body()).doesNotContain("shared secret")
			.doesNotContain("SIG-HMAC");
	}

}
