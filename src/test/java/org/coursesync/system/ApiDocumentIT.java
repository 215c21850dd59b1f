package org.coursesync.system;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.coursesync.support.DocumentedApi;
import org.coursesync.support.HttpIT;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document is the wire. The whole life cycle runs over HTTP (every
 * operation, its successes and its errors); every response, and the request of every
 * successful call, is validated against {@code /v3/api-docs} ({@link DocumentedApi}).
 * Every operation the application maps is documented, and every documented operation is
 * called here: a new endpoint must join the life cycle below.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "coursesync.max-body-size=64KB")
class ApiDocumentIT extends HttpIT {

	static final String PUBLIC_LINK = "https://protected.lms/courses/course-v1:edX+DemoX+2030/course/";

	static final String DRAFT_LINK = "https://draft.lms/courses/course-v1:edX+DemoX+2031/course/";

	static final String REFUSED_LINK = "https://draft.lms/courses/course-v1:edX+DemoX+Refused/course/";

	static final String MANUAL_LINK = "https://manual.lms/courses/course-v1:edX+DemoX+Manual/info";

	static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	DocumentedApi api;

	@BeforeEach
	void loadTheDocument() {
		// The in-memory database outlives the other tests' contexts, and the base's reset
		// leaves the reconciliations, whose list this life cycle reads.
		this.jdbc.update("DELETE FROM reconciliation_lease");
		this.jdbc.update("DELETE FROM reconciliation");
		this.api = new DocumentedApi(this.http);
	}

	@Test
	void theWholeLifeCycleMatchesTheDocument() {
		courses();
		syncs();
		runs();
		publication();
		history();
		catalog();
		reconciliations();
		deletions();
		assertThat(this.api.calledOperations()).as("every documented operation is exercised")
			.containsAll(this.api.documentedOperations());
	}

	private void courses() {
		this.api.call("GET", "/api/admin/courses", Map.of(), null).expect(401);
		this.api.call("GET", "/api/admin/courses", Map.of("Authorization", "Basic YWRtaW46d3Jvbmc="), null).expect(401);
		JsonNode created = this.api.admin("POST", "/api/admin/courses", """
				{"code": "DemoX", "title": "Demo"}""").expect(201);
		assertThat(created.get("code").asString()).isEqualTo("DEMOX");
		assertThat(created.get("draft_runs").isEmpty()).isTrue();
		this.api.admin("POST", "/api/admin/courses", """
				{"code": "Empty", "title": "To delete"}""").expect(201);
		assertThat(this.api.admin("POST", "/api/admin/courses", """
				{"code": "demox", "title": "Again"}""").expect(409).get("detail").asString())
			.isEqualTo("A course with code DEMOX already exists.");
		assertThat(this.api.admin("POST", "/api/admin/courses", """
				{"code": "X"}""").expect(400).get("errors").get("title").get(0).asString())
			.isEqualTo("This field is required.");
		this.api.admin("POST", "/api/admin/courses", """
				{"code":\s""").expect(400);
		JsonNode page = this.api.admin("GET", "/api/admin/courses?size=10&sort=code", null).expect(200);
		assertThat(page.get("items").findValuesAsString("code")).containsExactly("DEMOX", "EMPTY");
		this.api.admin("GET", "/api/admin/courses?size=1000", null).expect(400);
		this.api.admin("GET", "/api/admin/courses/DEMOX", null).expect(200);
		this.api.admin("GET", "/api/admin/courses/NOPE", null).expect(404);
		JsonNode patched = this.api.admin("PATCH", "/api/admin/courses/demox", """
				{"min_effort": 2, "max_effort": 4, "pacing_type": "self_paced", \
				"weeks_to_complete": 6, "marketing_url": "https://example.com/demo"}""").expect(200);
		assertThat(patched.get("max_effort").asInt()).isEqualTo(4);
		assertThat(this.api.admin("PATCH", "/api/admin/courses/DEMOX", """
				{"modular_credit": null}""").expect(200).get("min_effort").asInt()).isEqualTo(2);
		this.api.admin("PATCH", "/api/admin/courses/DEMOX", """
				{"min_effort": -1}""").expect(400);
		this.api.admin("PATCH", "/api/admin/courses/DEMOX", """
				{"code": "Y"}""").expect(400);
		this.api.admin("PATCH", "/api/admin/courses/NOPE", """
				{"title": "x"}""").expect(404);
	}

	private void syncs() {
		String publicRun = """
				{"resource_link": "%s", "languages": ["en"], "start": \
				"2030-01-10T00:00:00Z", "enrollment_start": "2029-12-01T00:00:00Z", "enrollment_count": %d, \
				"price": 59.99, "offer": "paid", "catalog_visibility": "course_and_search"}""";
		String single = publicRun.formatted(PUBLIC_LINK, 5);
		assertThat(this.api.sync(single).expect(200).get("success").asBoolean()).isTrue();
		String second = """
				{"resource_link": "%s", "languages": ["fr"], \
				"start": "2031-01-10T00:00:00Z", "enrollment_start": "2030-12-01T00:00:00Z"}""".formatted(DRAFT_LINK);
		JsonNode batch = this.api.sync("[" + publicRun.formatted(PUBLIC_LINK, 6) + ", " + second + "]").expect(200);
		assertThat(batch.get(DRAFT_LINK.strip()).get("success").asBoolean()).isTrue();
		JsonNode partly = this.api.sync("""
				[%s, {"resource_link": "%s", "languages": ["zz"]}]""".formatted(second, REFUSED_LINK)).expect(400);
		assertThat(partly.get(DRAFT_LINK).get("success").asBoolean()).as(partly.toString()).isTrue();
		assertThat(partly.get(REFUSED_LINK).get("languages").get(0).asString()).as(partly.toString())
			.isEqualTo("\"zz\" is not a valid choice.");
		this.api.sync("""
				{"resource_link": "%s", "languages": ["zz"]}""".formatted(PUBLIC_LINK)).expect(400);
		this.api.sync("""
				{"languages": ["en"]}""").expect(400);
		this.api.sync("\"text\"").expect(400);
		this.api.sync("{").expect(400);
		String path = "/api/v1.0/course-runs-sync";
		assertThat(this.api.call("POST", path, Map.of("Content-Type", "application/json"), "{}").response().body())
			.isEqualTo("\"Missing authentication.\"");
		this.api.call("POST", path, Map.of("Content-Type", "application/json"), "{}").expect(403);
		this.api.call("POST", path,
				Map.of("Content-Type", "application/json", "Authorization", "SIG-HMAC-SHA256 " + "0".repeat(64)), "{}")
			.expect(401);
		this.api.call("POST", path, Map.of("Content-Type", "text/plain", "Authorization",
				SignatureVerifier.sign(TestHttp.SECRET, "{}".getBytes())), "{}")
			.expect(415);
		this.api
			.call("POST", path,
					Map.of("Content-Type", "application/json", "Authorization", "SIG-HMAC-SHA256 " + "0".repeat(64)),
					"[" + "1, ".repeat(30_000) + "1]")
			.expect(413);
		this.api.call("POST", path, Map.of("Content-Type", "application/json", "Accept", "application/xml"), "{}")
			.expect(406);
		for (String spelling : List.of("/api/v1.0/course-runs-sync/", "/api/1.0/course-runs-sync",
				"/api/1.0/course-runs-sync/")) {
			this.api.call("POST", spelling, Map.of("Content-Type", "application/json", "Authorization",
					SignatureVerifier.sign(TestHttp.SECRET, single.getBytes())), single)
				.expect(200);
		}
	}

	private String runId;

	private void runs() {
		JsonNode created = this.api.admin("POST", "/api/admin/courses/DEMOX/runs", """
				{"title": "Spring 2032", "languages": ["fr"], "resource_link": "%s", \
				"start": "2032-03-01T00:00:00Z", "price": 12.5, "sync_mode": "manual"}""".formatted(MANUAL_LINK))
			.expect(201);
		this.runId = created.get("run").get("id").asString();
		assertThat(created.get("public_run").isNull()).isTrue();
		this.api.admin("POST", "/api/admin/courses/DEMOX/runs", """
				{"languages": ["fr"], "resource_link": "%s"}""".formatted(MANUAL_LINK)).expect(409);
		this.api.admin("POST", "/api/admin/courses/DEMOX/runs", "{}").expect(400);
		this.api.admin("POST", "/api/admin/courses/NOPE/runs", """
				{"languages": ["fr"]}""").expect(404);
		this.api.admin("GET", "/api/admin/course-runs/" + this.runId, null).expect(200);
		this.api.admin("GET", "/api/admin/course-runs/not-a-uuid", null).expect(400);
		this.api.admin("GET", "/api/admin/course-runs/" + NO_SUCH_ID, null).expect(404);
		JsonNode patched = this.api.admin("PATCH", "/api/admin/course-runs/" + this.runId, """
				{"title": null, "display_mode": "compact", "enrollment_count": 42, "price": null}""").expect(200);
		assertThat(patched.get("run").get("title").isNull()).isTrue();
		assertThat(patched.get("run").get("price").isNull()).isTrue();
		this.api.admin("PATCH", "/api/admin/course-runs/" + this.runId, """
				{"sync_mode": "auto"}""").expect(400);
		this.api.admin("PATCH", "/api/admin/course-runs/" + this.runId, """
				{"resource_link": "%s"}""".formatted(PUBLIC_LINK)).expect(409);
		this.api.admin("PATCH", "/api/admin/course-runs/" + NO_SUCH_ID, """
				{"title": "x"}""").expect(404);
	}

	private void publication() {
		JsonNode published = this.api.admin("POST", "/api/admin/courses/DEMOX/publish", null).expect(200);
		assertThat(published.get("published").asBoolean()).isTrue();
		assertThat(published.get("public_runs").size()).isEqualTo(3);
		this.api.admin("POST", "/api/admin/courses/NOPE/publish", null).expect(404);
		assertThat(this.api.admin("GET", "/api/admin/course-runs/" + this.runId, null)
			.expect(200)
			.get("public_run")
			.get("draft_run_id")
			.asString()).isEqualTo(this.runId);
	}

	private void history() {
		JsonNode events = this.api.admin("GET", "/api/admin/sync-events?size=50", null).expect(200);
		assertThat(events.get("items").findValuesAsString("outcome")).contains("created", "updated", "rejected");
		this.api.admin("GET", "/api/admin/sync-events?outcome=rejected&resource_link=" + REFUSED_LINK, null)
			.expect(200);
		this.api.admin("GET", "/api/admin/sync-events?outcome=bad", null).expect(400);
		this.api.admin("GET", "/api/admin/sync-events?since=yesterday", null).expect(400);
		assertThat(this.api.admin("GET", "/api/admin/lms-backends", null).expect(200).get("items").size()).isPositive();
		this.api.admin("GET", "/api/admin/lms-backends?x=1", null).expect(400);
		assertThat(this.api.admin("GET", "/api/admin/audit-events?size=10", null).expect(200).get("items").size())
			.isPositive();
		this.api.admin("GET", "/api/admin/audit-events?action=bad", null).expect(400);
	}

	private void catalog() {
		String path = "/api/1.0/catalogs/main/course-runs";
		Map<String, String> key = Map.of("Ocp-Apim-Subscription-Key", "main-key-1");
		DocumentedApi.Call read = this.api.call("GET", path + "?size=10", key, null);
		JsonNode runs = read.expect(200);
		assertThat(runs.findValuesAsString("courserunKey")).contains("course-v1:edX+DemoX+2030");
		String etag = read.response().headers().firstValue("ETag").orElseThrow();
		this.api
			.call("GET", path + "?size=10", Map.of("Ocp-Apim-Subscription-Key", "main-key-1", "If-None-Match", etag),
					null)
			.expect(304);
		assertThat(this.api.call("GET", path, Map.of(), null).expect(403).asString())
			.isEqualTo("Login user not authorized to perform this action");
		assertThat(this.api.call("GET", "/api/1.0/catalogs/nope/course-runs", key, null).expect(404).asString())
			.isEqualTo("the catalog is not found");
		assertThat(this.api.call("GET", path + "?size=0", key, null).expect(400).asString()).contains("'size'");
	}

	private void reconciliations() {
		this.api.admin("GET", "/api/admin/reconciliations", null).expect(200);
		JsonNode started = this.api.admin("POST", "/api/admin/reconciliations", """
				{"lms_backend": "https://draft.lms"}""").expect(202);
		String id = started.get("id").asString();
		this.api.admin("GET", "/api/admin/reconciliations/" + id, null).expect(200);
		this.api.admin("GET", "/api/admin/reconciliations/" + NO_SUCH_ID, null).expect(404);
		this.api.admin("POST", "/api/admin/reconciliations", """
				{"lms_backend": "https://nowhere.lms"}""").expect(400);
		this.api.admin("GET", "/api/admin/reconciliations?size=1000", null).expect(400);
	}

	private void deletions() {
		this.api.admin("DELETE", "/api/admin/course-runs/" + this.runId, null).expect(204);
		this.api.admin("DELETE", "/api/admin/course-runs/" + this.runId, null).expect(404);
		this.api.admin("DELETE", "/api/admin/courses/DEMOX", null).expect(409);
		this.api.admin("DELETE", "/api/admin/courses/NOPE", null).expect(404);
		this.api.admin("DELETE", "/api/admin/courses/EMPTY", null).expect(204);
	}

	@Test
	void everyMappedOperationIsDocumented() {
		Set<String> documented = this.api.documentedOperations();
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods().forEach((info, handler) -> {
			if (isApi(handler)) {
				mapped.addAll(operations(info));
			}
		});
		assertThat(mapped).contains("POST /api/v1.0/course-runs-sync", "GET /api/1.0/catalogs/{catalog}/course-runs",
				"POST /api/admin/courses");
		assertThat(documented).as("operations the application maps but the document lacks").containsAll(mapped);
		assertThat(mapped).as("operations the document has but the application does not map").containsAll(documented);
	}

	@Test
	void everyOperationHasAnIdATagASecuritySchemeAndItsErrors() {
		Set<String> ids = new TreeSet<>();
		this.api.document()
			.get("paths")
			.properties()
			.forEach((path) -> path.getValue().properties().forEach((entry) -> {
				JsonNode operation = entry.getValue();
				String name = entry.getKey().toUpperCase() + " " + path.getKey();
				assertThat(operation.get("operationId")).as(name + " has an operationId").isNotNull();
				String id = operation.get("operationId").asString();
				assertThat(id).as(name + ": no numbered duplicate").doesNotMatch(".*_\\d+$");
				assertThat(ids.add(id)).as(name + ": operationId " + id + " is unique").isTrue();
				assertThat(operation.get("tags")).as(name + " has a tag").isNotEmpty();
				assertThat(operation.get("security")).as(name + " has a security scheme").isNotEmpty();
				if (path.getKey().startsWith("/api/admin/")) {
					assertThat(operation.get("responses").propertyNames()).as(name).contains("400", "401", "503");
					assertThat(operation.get("responses").get("401").get("content").propertyNames())
						.containsExactly("application/problem+json");
				}
			}));
		JsonNode problem = this.api.document().get("components").get("schemas").get("Problem");
		assertThat(problem.get("properties").propertyNames()).contains("detail", "errors", "request_id");
		JsonNode runView = this.api.document().get("components").get("schemas").get("RunView").get("properties");
		assertThat(runView.propertyNames()).contains("resource_link", "enrollment_count")
			.doesNotContain("resourceLink");
		assertThat(runView.get("title").get("nullable").asBoolean()).isTrue();
		assertThat(runView.get("enrollment_count").has("nullable")).isFalse();
		JsonNode edit = this.api.document().get("components").get("schemas").get("RunEdit").get("properties");
		assertThat(edit.get("languages").get("type").asString()).isEqualTo("array");
		assertThat(edit.propertyNames()).doesNotContain("valueNode", "nodeType", "unknown");
	}

	private static boolean isApi(HandlerMethod handler) {
		Method method = handler.getMethod();
		boolean body = AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
				|| AnnotatedElementUtils.hasAnnotation(method, ResponseBody.class);
		// springdoc's own endpoints and Boot's /error are not the API.
		String owner = handler.getBeanType().getName();
		return body && owner.startsWith("org.coursesync.");
	}

	private static Set<String> operations(RequestMappingInfo info) {
		Set<String> operations = new TreeSet<>();
		Set<String> methods = new TreeSet<>();
		info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.name()));
		if (methods.isEmpty()) {
			methods.add("GET");
		}
		for (String path : info.getPatternValues()) {
			methods.forEach((method) -> operations.add(method + " " + path));
		}
		return operations;
	}

}
