package org.coursesync.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.coursesync.support.HttpIT;
import org.coursesync.support.TestHttp.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles on the admin API: a viewer reads, an editor also edits and publishes, an admin
 * also deletes and starts reconciliations; a refused call is a 403 problem naming the
 * role it needs, and stores nothing.
 */
class AdminRolesIT extends HttpIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";

	String runId;

	@BeforeEach
	void setUp() {
		this.db.course("DEMOX", "Demo");
		HttpResponse<String> run = this.http.admin("POST", "/api/admin/courses/DEMOX/runs", """
				{"resource_link": "%s", "languages": ["en"]}""".formatted(LINK));
		assertThat(run.statusCode()).as(run.body()).isEqualTo(201);
		this.runId = JSON.readTree(run.body()).get("run").get("id").asString();
	}

	@Test
	void everyRoleReadsEverything() {
		for (TestUser user : TestUser.values()) {
			for (String path : List.of("/api/admin/courses", "/api/admin/courses/DEMOX",
					"/api/admin/course-runs/" + this.runId, "/api/admin/sync-events", "/api/admin/audit-events",
					"/api/admin/reconciliations", "/actuator/prometheus", "/actuator/metrics")) {
				HttpResponse<String> response = this.http.as(user, "GET", path, null);
				assertThat(response.statusCode()).as(user + " GET " + path).isEqualTo(200);
			}
		}
	}

	@Test
	void viewerCannotWriteAndNothingIsStored() {
		int audited = this.db.count("audit_event");
		HttpResponse<String> patch = this.http.as(TestUser.VIEWER, "PATCH", "/api/admin/courses/DEMOX", """
				{"title": "Changed"}""");
		assertForbidden(patch, "PATCH /api/admin/courses/DEMOX needs the role editor or higher; your role is viewer.",
				"editor");
		assertThat(this.jdbc.queryForObject("SELECT title FROM course WHERE code = 'DEMOX'", String.class))
			.isEqualTo("Demo");
		assertForbidden(this.http.as(TestUser.VIEWER, "POST", "/api/admin/courses", """
				{"code": "X", "title": "X"}"""),
				"POST /api/admin/courses needs the role editor or higher; your role is viewer.", "editor");
		assertThat(this.db.count("course")).isEqualTo(1);
		assertForbidden(this.http.as(TestUser.VIEWER, "PATCH", "/api/admin/course-runs/" + this.runId, """
				{"title": "Changed"}"""), null, "editor");
		assertThat(this.db.draftRuns()).singleElement().satisfies((run) -> assertThat(run.get("title")).isNull());
		assertForbidden(this.http.as(TestUser.VIEWER, "POST", "/api/admin/courses/DEMOX/publish", null), null,
				"editor");
		assertThat(this.db.count("course_public")).isZero();
		assertForbidden(this.http.as(TestUser.VIEWER, "DELETE", "/api/admin/courses/DEMOX", null),
				"DELETE /api/admin/courses/DEMOX needs the role admin; your role is viewer.", "admin");
		assertThat(this.db.count("course")).isEqualTo(1);
		assertThat(this.db.count("audit_event")).isEqualTo(audited);
	}

	@Test
	void editorEditsAndPublishesButCannotDelete() {
		assertThat(this.http.as(TestUser.EDITOR, "PATCH", "/api/admin/courses/DEMOX", """
				{"title": "Edited"}""").statusCode()).isEqualTo(200);
		HttpResponse<String> published = this.http.as(TestUser.EDITOR, "POST", "/api/admin/courses/DEMOX/publish",
				null);
		assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
		assertThat(this.db.count("course_public")).isEqualTo(1);
		assertThat(this.db.publicRuns()).hasSize(1);
		assertForbidden(this.http.as(TestUser.EDITOR, "DELETE", "/api/admin/course-runs/" + this.runId, null),
				"DELETE /api/admin/course-runs/" + this.runId + " needs the role admin; your role is editor.", "admin");
		assertThat(this.db.draftRuns()).hasSize(1);
		assertForbidden(this.http.as(TestUser.EDITOR, "DELETE", "/api/admin/courses/DEMOX", null), null, "admin");
		assertThat(this.db.count("course")).isEqualTo(1);
		int reconciliations = this.db.count("reconciliation");
		assertForbidden(this.http.as(TestUser.EDITOR, "POST", "/api/admin/reconciliations", """
				{"lms_backend": "https://draft.lms"}"""), null, "admin");
		assertThat(this.db.count("reconciliation")).isEqualTo(reconciliations);
	}

	@Test
	void adminDeletes() {
		UUID other = this.db.course("OTHER", "Other");
		assertThat(this.http.as(TestUser.ADMIN, "DELETE", "/api/admin/course-runs/" + this.runId, null).statusCode())
			.isEqualTo(204);
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.http.as(TestUser.ADMIN, "DELETE", "/api/admin/courses/OTHER", null).statusCode())
			.isEqualTo(204);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM course WHERE id = ?", Integer.class, other)).isZero();
	}

	private static void assertForbidden(HttpResponse<String> response, String detail, String role) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(403);
		assertThat(problem.get("title").asString()).isEqualTo("Forbidden");
		assertThat(problem.get("required_role").asString()).isEqualTo(role);
		assertThat(problem.get("instance").asString()).isEqualTo(response.uri().getPath());
		assertThat(problem.get("request_id").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).contains("needs the role " + role);
		if (detail != null) {
			assertThat(problem.get("detail").asString()).isEqualTo(detail);
		}
	}

}
