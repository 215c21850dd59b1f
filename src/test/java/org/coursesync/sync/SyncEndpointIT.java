package org.coursesync.sync;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.coursesync.support.HttpIT;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync endpoint end to end over real HTTP, on H2 (this class) and on PostgreSQL
 * ({@link SyncEndpointPostgresIT}): Richie's status codes, bodies and stored effects.
 */
@ExtendWith(OutputCaptureExtension.class)
class SyncEndpointIT extends HttpIT {

	static final String DEMO_LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	static final String RICHIE_BODY = """
			{"resource_link": "%s", "start": "2020-12-09T09:31:59.417817Z", \
			"end": "2021-03-14T09:31:59.417895Z", "enrollment_start": "2020-11-09T09:31:59.417936Z", \
			"enrollment_end": "2020-12-24T09:31:59.417972Z", "languages": ["en", "fr"], "enrollment_count": 46782, \
			"catalog_visibility": "course_and_search"}""".formatted(DEMO_LINK);

	/** Richie's answer to an accepted item. */
	static final String SUCCESS = """
			{"success":true}""";

	/** An ERROR line logged by a request thread (other contexts may log meanwhile). */
	static final Pattern SERVER_ERROR_LOG = Pattern.compile("^\\S+\\s+ERROR\\b.*-exec-\\d+\\]");

	UUID demoCourse;

	@BeforeEach
	void setUp() {
		this.demoCourse = this.db.course("DEMOX", "Demo course");
	}

	@Test
	void acceptsRichieTestVectorAndStoresTheRun() {
		String body = """
				{"resource_link": "%s", "enrollment_count": 865}""".formatted(DEMO_LINK);
		assertThat(SignatureVerifier.sign("shared secret", body.getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("SIG-HMAC-SHA256 f510d35ba7492eb5c5133fab6bd2fa18328307089735a20f4a7f4a828e0598b5");
		HttpResponse<String> response = this.http.sync(RICHIE_BODY);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(SUCCESS);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		List<Map<String, Object>> runs = this.db.draftRuns();
		assertThat(runs).hasSize(1);
		Map<String, Object> run = runs.get(0);
		assertThat(run.get("resource_link")).isEqualTo(DEMO_LINK);
		assertThat(run.get("course_id")).isEqualTo(this.demoCourse);
		assertThat(run.get("languages")).isEqualTo("en,fr");
		assertThat(run.get("enrollment_count")).isEqualTo(46782);
		assertThat(run.get("sync_mode")).isEqualTo("sync_to_public");
		assertThat(run.get("price_currency")).isEqualTo("EUR");
		assertThat(run.get("display_mode")).isEqualTo("detailed");
		// The course was never published: no public copy.
		assertThat(this.db.publicRuns()).isEmpty();
		List<Map<String, Object>> events = this.db.events();
		assertThat(events).hasSize(1);
		assertThat(events.get(0).get("outcome")).isEqualTo("created");
		assertThat(events.get(0).get("secret_index")).isEqualTo(0);
		assertThat(events.get(0).get("course_code")).isEqualTo("DEMOX");
	}

	@Test
	void acceptsEveryPathVariantWithoutRedirect() {
		for (String path : List.of("/api/1.0/course-runs-sync", "/api/1.0/course-runs-sync/",
				"/api/v1.0/course-runs-sync", "/api/v1.0/course-runs-sync/")) {
			HttpResponse<String> response = this.http.sync(path, RICHIE_BODY);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).isEqualTo(SUCCESS);
		}
		assertThat(this.db.draftRuns()).hasSize(1);
		assertThat(this.db.events()).extracting((event) -> event.get("outcome"))
			.containsExactly("created", "unchanged", "unchanged", "unchanged");
	}

	@Test
	void rejectsUnknownVersion() {
		HttpResponse<String> response = this.http.sync("/api/v2.0/course-runs-sync", RICHIE_BODY);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid version in URL path.\"}");
		assertNothingStored();
	}

	@Test
	void rejectsOtherMethods() {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync")).GET());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.body()).isEqualTo("{\"detail\":\"Method \\\"GET\\\" not allowed.\"}");
		assertNothingStored();
	}

	@Test
	void rejectsAcceptWithoutJson() {
		byte[] body = RICHIE_BODY.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Accept", "application/xml")
				.header("Content-Type", "application/json")
				.header("Authorization", SignatureVerifier.sign(TestHttp.SECRET, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		assertThat(response.statusCode()).isEqualTo(406);
		assertThat(response.body()).isEqualTo("{\"detail\":\"Could not satisfy the request Accept header.\"}");
		assertNothingStored();
	}

	@Test
	void rejectsMissingSignature() {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(RICHIE_BODY)));
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("\"Missing authentication.\"");
		assertNothingStored();
	}

	@Test
	void rejectsWrongSignature() {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("Authorization",
						SignatureVerifier.sign("not the secret", RICHIE_BODY.getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(RICHIE_BODY)));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("\"Invalid authentication.\"");
		assertNothingStored();
	}

	@Test
	void rejectsUppercaseHexSignature() {
		String signature = SignatureVerifier.sign(TestHttp.SECRET, RICHIE_BODY.getBytes(StandardCharsets.UTF_8));
		String upper = "SIG-HMAC-SHA256 " + signature.substring(16).toUpperCase();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("Authorization", upper)
				.POST(HttpRequest.BodyPublishers.ofString(RICHIE_BODY)));
		assertThat(response.statusCode()).isEqualTo(401);
		assertNothingStored();
	}

	@Test
	void acceptsSignatureFromRotatedSecret() {
		byte[] body = RICHIE_BODY.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("Authorization", SignatureVerifier.sign("other secret", body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.db.events().get(0).get("secret_index")).isEqualTo(1);
	}

	@Test
	void rejectsUnsupportedMediaType() {
		byte[] body = RICHIE_BODY.getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "text/plain")
				.header("Authorization", SignatureVerifier.sign(TestHttp.SECRET, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.body()).isEqualTo("{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsInvalidJsonWithParseError() {
		HttpResponse<String> response = this.http.sync("{\"resource_link\": ");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"detail\":\"JSON parse error - ");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsScalarBodyWithPythonTypeName() {
		assertThat(this.http.sync("\"abc\"").body())
			.isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}");
		assertThat(this.http.sync("5").body())
			.isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got int.\"]}");
		assertThat(this.http.sync("5.5").body())
			.isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got float.\"]}");
		assertThat(this.http.sync("true").body())
			.isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got bool.\"]}");
		HttpResponse<String> response = this.http.sync("null");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got NoneType.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsMissingResourceLink() {
		HttpResponse<String> response = this.http.sync("""
				{"enrollment_count": 5}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"resource_link\":[\"This field is required.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).singleElement()
			.satisfies((event) -> assertThat(event.get("outcome")).isEqualTo("rejected"));
	}

	@Test
	void rejectsUnknownLms() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "https://unknown.lms/whatever", "languages": "not a list"}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("{\"resource_link\":[\"No LMS configuration found for this resource link.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void requiresLanguagesOnCreate() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s"}""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"languages\":[\"This field is required.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsEmptyLanguagesOnCreateInsteadOfFailing() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "languages": []}""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"languages\":[\"This field cannot be blank.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsUnknownCourse() {
		HttpResponse<String> response = this.http
			.sync("""
					{"resource_link": "http://example.edx:8073/courses/course-v1:edX+Other+01/course/", "languages": ["en"]}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"resource_link\":[\"Unknown course: OTHER.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void refusesCreationWhenLmsDefaultIsManual() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "https://manual.lms/courses/course-v1:edX+DemoX+01/info", "languages": ["en"]}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("{\"resource_link\":[\"Unknown course run when creation is deactivated.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void reportsEveryInvalidFieldInSerializerOrder() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "price": "abc", "languages": ["zz"], "start": "tomorrow"}"""
			.formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("""
				{"start":["Datetime has wrong format. Use one of these formats instead: \
				YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."],"languages":["\\"zz\\" is not a valid choice."],\
				"price":["A valid number is required."]}""");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void trimsTheLinkSoWhitespaceDoesNotDuplicateRuns() {
		assertThat(this.http.sync("""
				{"resource_link": "  %s ", "languages": ["en"]}""".formatted(DEMO_LINK)).statusCode()).isEqualTo(200);
		assertThat(this.http.sync("""
				{"resource_link": "%s\\t", "enrollment_count": 3}""".formatted(DEMO_LINK)).statusCode()).isEqualTo(200);
		List<Map<String, Object>> runs = this.db.draftRuns();
		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.get("resource_link")).isEqualTo(DEMO_LINK);
			assertThat(run.get("enrollment_count")).isEqualTo(3);
		});
	}

	@Test
	void updatesDraftAndPublicCopyForSyncToPublicOfPublishedCourse() {
		this.db.publishCourse(this.demoCourse);
		assertThat(this.http.sync(RICHIE_BODY).statusCode()).isEqualTo(200);
		assertThat(this.db.publicRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(46782));
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "enrollment_count": 50000}""".formatted(DEMO_LINK));
		assertThat(response.body()).isEqualTo(SUCCESS);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(50000));
		assertThat(this.db.publicRuns()).singleElement().satisfies((run) -> {
			assertThat(run.get("enrollment_count")).isEqualTo(50000);
			assertThat(run.get("draft_run_id")).isEqualTo(this.db.draftRuns().get(0).get("id"));
		});
		assertThat(this.db.unpublishedChanges("DEMOX")).isFalse();
		assertThat(this.db.events().get(1).get("changes").toString()).isEqualTo("""
				{"enrollment_count":{"before":46782,"after":50000}}""");
	}

	@Test
	void syncToDraftUpdatesOnlyTheDraftAndMarksTheCourseDirty() {
		this.db.publishCourse(this.demoCourse);
		String link = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";
		HttpResponse<String> created = this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "start": "2030-01-01T00:00:00+00:00", \
				"enrollment_start": "2029-12-01"}""".formatted(link));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("sync_mode")).isEqualTo("sync_to_draft"));
		assertThat(this.db.publicRuns()).isEmpty();
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
	}

	@Test
	void syncToDraftOfUnscheduledRunDoesNotMarkDirty() {
		String link = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";
		assertThat(this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(link)).statusCode()).isEqualTo(200);
		assertThat(this.db.unpublishedChanges("DEMOX")).isFalse();
	}

	@Test
	void leavesManualRunsUntouched() {
		assertThat(this.http.sync(RICHIE_BODY).statusCode()).isEqualTo(200);
		this.jdbc.update("UPDATE course_run SET sync_mode = 'manual'");
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "enrollment_count": 1}""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(SUCCESS);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(46782));
		assertThat(this.db.events().get(1).get("outcome")).isEqualTo("unchanged");
	}

	@Test
	void neverOverwritesNoUpdateFields() {
		String link = "https://protected.lms/courses/course-v1:edX+DemoX+01/course";
		assertThat(this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "start": "2030-01-01T00:00:00Z"}""".formatted(link))
			.statusCode()).isEqualTo(200);
		assertThat(this.http.sync("""
				{"resource_link": "%s", "languages": ["fr"], "start": "2031-01-01T00:00:00Z", \
				"enrollment_count": 9}""".formatted(link)).statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement().satisfies((run) -> {
			assertThat(run.get("languages")).isEqualTo("en");
			assertThat(run.get("enrollment_count")).isEqualTo(9);
			assertThat(run.get("start_at").toString()).startsWith("2030-01-01");
		});
	}

	@Test
	void validatesOnlySentFieldsOnUpdate() {
		assertThat(this.http.sync(RICHIE_BODY).statusCode()).isEqualTo(200);
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "enrollment_count": -1}""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.isEqualTo("{\"enrollment_count\":[\"Ensure this value is greater than or equal to 0.\"]}");
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(46782));
	}

	@Test
	void mapsOpenEdxVisibility() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "catalog_visibility": "none"}""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("catalog_visibility")).isEqualTo("hidden"));
	}

	@Test
	void processesBatchesItemByItem() {
		String other = "http://example.edx:8073/courses/course-v1:edX+Nope+01/course/";
		HttpResponse<String> response = this.http.sync("""
				[{"resource_link": "%s", "languages": ["en"]}, {"resource_link": "%s", "languages": ["en"]}]"""
			.formatted(DEMO_LINK, other));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("""
				{"%s":{"success":true},\
				"%s":{"resource_link":["Unknown course: NOPE."]}}""".formatted(DEMO_LINK, other));
		assertThat(this.db.draftRuns()).hasSize(1);
		assertThat(this.db.events()).extracting((event) -> event.get("outcome")).containsExactly("created", "rejected");
	}

	@Test
	void rejectsWholeBatchWhenAnItemLacksItsLink() {
		HttpResponse<String> response = this.http.sync("""
				[{"resource_link": "%s", "languages": ["en"]}, {"resource_link": ""}]""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"resource_link\":[\"This field is required.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void answersEmptyBatchWithEmptyObject() {
		HttpResponse<String> response = this.http.sync("[]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{}");
	}

	@Test
	void rejectsNonStringLinkInsteadOfFailing() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": 42, "languages": ["en"]}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"resource_link\":[\"Not a valid string.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsCourseKeyWithoutThreePartsInsteadOfFailing() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX/course/", \
				"languages": ["en"]}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"resource_link\":[\"Invalid course key \\\"course-v1:edX+DemoX\\\": "
				+ "expected course-v1:ORG+COURSE+RUN or ORG/COURSE/RUN.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsInvalidUtf8InsteadOfFailing() {
		byte[] body = { '{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("Authorization", SignatureVerifier.sign(TestHttp.SECRET, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).startsWith("{\"detail\":\"JSON parse error - ").contains("UTF-8");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsUtf8ByteOrderMarkAsPythonDoes() {
		byte[] json = RICHIE_BODY.getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[json.length + 3];
		body[0] = (byte) 0xEF;
		body[1] = (byte) 0xBB;
		body[2] = (byte) 0xBF;
		System.arraycopy(json, 0, body, 3, json.length);
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json; charset=utf-8")
				.header("Authorization", SignatureVerifier.sign(TestHttp.SECRET, body))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"detail\":\"JSON parse error - Unexpected UTF-8 BOM "
				+ "(decode using utf-8-sig): line 1 column 1 (char 0)\"}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void rejectsNonAsciiAuthorizationWith401() throws Exception {
		byte[] body = RICHIE_BODY.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(
					("POST /api/v1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
							+ "Connection: close\r\nContent-Length: " + body.length
							+ "\r\nAuthorization: SIG-HMAC-SHA256 ")
						.getBytes(StandardCharsets.US_ASCII));
			out.write("é€".getBytes(StandardCharsets.UTF_8));
			out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 401").endsWith("\"Invalid authentication.\"");
		}
		assertNothingStored();
	}

	@Test
	void normalizesLanguageCodesOpenEdxSends() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "languages": ["en-us", "zh_HANS", "pt_BR", "FR"]}""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("languages")).isEqualTo("en-us,fr,pt-br,zh-hans"));
	}

	@Test
	void letsAnUpdateClearTheLanguages() {
		assertThat(this.http.sync(RICHIE_BODY).statusCode()).isEqualTo(200);
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "languages": []}""".formatted(DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("languages")).isEqualTo(""));
	}

	@Test
	void givesOnlyTheSyncedRunItsFirstPublicCopy() {
		assertThat(this.http.sync(RICHIE_BODY).statusCode()).isEqualTo(200);
		this.jdbc.update(
				"INSERT INTO course_run (id, course_id, resource_link, sync_mode, display_mode, languages, "
						+ "enrollment_count, catalog_visibility, price_currency, created_at, updated_at) VALUES (?, ?, "
						+ "'https://manual.lms/courses/course-v1:edX+DemoX+02/info', 'manual', 'detailed', 'en', 0, "
						+ "'course_and_search', 'EUR', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
				UUID.randomUUID(), this.demoCourse);
		this.db.publishCourse(this.demoCourse);
		assertThat(this.http.sync("""
				{"resource_link": "%s", "enrollment_count": 1}""".formatted(DEMO_LINK)).statusCode()).isEqualTo(200);
		assertThat(this.db.publicRuns()).singleElement().satisfies((run) -> {
			assertThat(run.get("resource_link")).isEqualTo(DEMO_LINK);
			assertThat(run.get("enrollment_count")).isEqualTo(1);
		});
	}

	@Test
	void createsJoanieRunsFromTheCourseKey() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "https://joanie.test/api/v1.0/course-runs/abc/", "course": "demox", \
				"languages": ["fr"], "price": "59.99", "offer": "paid"}""");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement().satisfies((run) -> {
			assertThat(run.get("course_id")).isEqualTo(this.demoCourse);
			assertThat(run.get("price").toString()).isEqualTo("59.99");
			assertThat(run.get("lms_backend")).isEqualTo("https://joanie.test");
		});
		HttpResponse<String> missing = this.http.sync("""
				{"resource_link": "https://joanie.test/api/v1.0/course-runs/def/", "languages": ["fr"]}""");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).isEqualTo("{\"course\":[\"This field is required to create a course run.\"]}");
		assertThat(this.db.draftRuns()).hasSize(1);
	}

	@Test
	void refusesCreationThroughTheBaseBackend() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "https://base.lms/run/1", "languages": ["fr"]}""");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"resource_link\":[\"This LMS backend cannot create course runs: "
				+ "create the run with the admin API first.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void keysBatchResultsByTrimmedLinkLastOneWinning() {
		HttpResponse<String> response = this.http.sync("""
				[{"resource_link": " %s", "languages": ["en"]}, {"resource_link": "%s", "enrollment_count": -5}]"""
			.formatted(DEMO_LINK, DEMO_LINK));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("""
				{"%s":{"enrollment_count":["Ensure this value is greater than or equal to 0."]}}"""
			.formatted(DEMO_LINK));
		assertThat(this.db.draftRuns()).hasSize(1);
	}

	@Test
	void recordsRejectedItemsWithTheirErrors() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["zz"]}""".formatted(DEMO_LINK));
		assertThat(this.db.events()).singleElement().satisfies((event) -> {
			assertThat(event.get("outcome")).isEqualTo("rejected");
			assertThat(event.get("resource_link")).isEqualTo(DEMO_LINK);
			assertThat(event.get("lms_backend")).isEqualTo("http://example.edx:8073");
			assertThat(event.get("errors").toString())
				.isEqualTo("{\"languages\":[\"\\\"zz\\\" is not a valid choice.\"]}");
		});
	}

	/**
	 * Numbers too large or too small for a double, in 150-byte signed bodies: Richie's
	 * field errors (infinity) or 0, within the client's 30 s timeout (the hang guard;
	 * each answer takes milliseconds), and nothing stored for a rejected item.
	 */
	@Test
	void answersHugeExponentsWithRichieFieldErrors(CapturedOutput output) {
		assertRejected("""
				{"resource_link": "%s", "languages": ["en"], "price": 1e300000000}""".formatted(DEMO_LINK),
				"{\"price\":[\"A valid number is required.\"]}");
		assertRejected("""
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": 1e999999999}""".formatted(DEMO_LINK),
				"{\"enrollment_count\":[\"A valid integer is required.\"]}");
		assertRejected("""
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": 1e100000000}""".formatted(DEMO_LINK),
				"{\"enrollment_count\":[\"A valid integer is required.\"]}");
		assertRejected("""
				{"resource_link": "%s", "languages": ["en"], "certificate_price": -1e999999999, \
				"discount": 1E+99999999999999999999}""".formatted(DEMO_LINK),
				"{\"certificate_price\":[\"A valid number is required.\"]}");
		assertRejected("""
				{"resource_link": "%s", "languages": ["en"], "price": "1e-999999999"}""".formatted(DEMO_LINK),
				"{\"price\":[\"Ensure that there are no more than 9 digits in total.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).hasSize(5)
			.allSatisfy((event) -> assertThat(event.get("outcome")).isEqualTo("rejected"));
		String other = "http://example.edx:8073/courses/course-v1:edX+DemoX+02/course/";
		HttpResponse<String> batch = this.http.sync("""
				[{"resource_link": "%s", "languages": ["en"], "price": [1e300000000]}, \
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": -1e100000000, "offer": 1e400}]"""
			.formatted(DEMO_LINK, other));
		assertThat(batch.statusCode()).isEqualTo(400);
		assertThat(batch.body()).isEqualTo("""
				{"%s":{"price":["A valid number is required."]},\
				"%s":{"enrollment_count":["A valid integer is required."],\
				"offer":["\\"inf\\" is not a valid choice."]}}""".formatted(DEMO_LINK, other));
		assertThat(this.db.draftRuns()).isEmpty();
		HttpResponse<String> tiny = this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], \
				"price": 1e-999999999, "enrollment_count": -1e-999999999, "discount": 1e-400}""".formatted(DEMO_LINK));
		assertThat(tiny.statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement().satisfies((run) -> {
			assertThat(run.get("price").toString()).isEqualTo("0.00");
			assertThat(run.get("enrollment_count")).isEqualTo(0);
			assertThat(run.get("discount")).isEqualTo("0.0");
		});
		assertNoServerError(output);
	}

	/**
	 * An integer of more digits than Python reads is a parse error, answered before any
	 * conversion of its digits; a float of as many digits is a double.
	 */
	@Test
	void refusesIntegersLongerThanPythonReads(CapturedOutput output) {
		String prefix = """
				{"resource_link": "%s", "languages": ["en"], "enrollment_count":\s""".formatted(DEMO_LINK);
		HttpResponse<String> response = this.http.sync(prefix + "1" + "0".repeat(100_000) + "}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"detail\":\"JSON parse error - Exceeds the limit (4300 digits) for "
				+ "integer string conversion: value has 100001 digits: line 1 column " + (prefix.length() + 1)
				+ " (char " + prefix.length() + ")\"}");
		HttpResponse<String> longFloat = this.http.sync(prefix + "1" + "0".repeat(100_000) + ".0}");
		assertThat(longFloat.statusCode()).isEqualTo(400);
		assertThat(longFloat.body()).isEqualTo("{\"enrollment_count\":[\"A valid integer is required.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).hasSize(2)
			.allSatisfy((event) -> assertThat(event.get("outcome")).isEqualTo("rejected"));
		assertNoServerError(output);
	}

	/**
	 * A NUL character, which PostgreSQL refuses, is DRF's field error on every database:
	 * in the link (before the run lookup, whose query could not carry it) and in any
	 * other string; in a batch, under the item's link, the other items applied.
	 */
	@Test
	void refusesNulCharactersWithDrfsMessage(CapturedOutput output) {
		assertRejected("""
				{"resource_link": "%s\\u0000", "languages": ["en"]}""".formatted(DEMO_LINK),
				"{\"resource_link\":[\"Null characters are not allowed.\"]}");
		assertRejected("""
				{"resource_link": "%s", "languages": ["en"], "discount": "5\\u0000"}""".formatted(DEMO_LINK),
				"{\"discount\":[\"Null characters are not allowed.\"]}");
		String inLanguageAndStart = """
				{"resource_link": "%s", "languages": ["e\\u0000n"], "start": "2020-01-01\\u0000"}"""
			.formatted(DEMO_LINK);
		assertRejected(inLanguageAndStart, """
				{"start":["Null characters are not allowed."],"languages":["Null characters are not allowed."]}""");
		assertRejected("""
				{"resource_link": "%s\\ud800", "languages": ["en"]}""".formatted(DEMO_LINK),
				"{\"resource_link\":[\"Surrogate characters are not allowed: U+D800.\"]}");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).extracting((event) -> event.get("resource_link"))
			.containsExactly(DEMO_LINK + "\ufffd", DEMO_LINK, DEMO_LINK, DEMO_LINK + "\ufffd");
		this.db.reset();
		this.db.course("DEMOX", "Demo course");
		HttpResponse<String> batch = this.http.sync("""
				[{"resource_link": " %s\\u0000 ", "languages": ["en"]}, {"resource_link": "%s", "languages": ["en"]}]"""
			.formatted(DEMO_LINK, DEMO_LINK));
		assertThat(batch.statusCode()).isEqualTo(400);
		assertThat(batch.body()).isEqualTo("""
				{"%s\\u0000":{"resource_link":["Null characters are not allowed."]},"%s":{"success":true}}"""
			.formatted(DEMO_LINK, DEMO_LINK));
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("resource_link")).isEqualTo(DEMO_LINK));
		assertThat(this.db.events()).extracting((event) -> event.get("outcome")).containsExactly("rejected", "created");
		HttpResponse<String> update = this.http.sync("""
				{"resource_link": "%s", "price_currency": "\\u0000"}""".formatted(DEMO_LINK));
		assertThat(update.statusCode()).isEqualTo(400);
		assertThat(update.body()).isEqualTo("{\"price_currency\":[\"Null characters are not allowed.\"]}");
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("price_currency")).isEqualTo("EUR"));
		assertNoServerError(output);
	}

	/**
	 * Values longer than their column never reach it: Richie's max_length message, and an
	 * error text longer than the history's column is shortened there (the answer keeps it
	 * whole), the item still recorded as rejected.
	 */
	@Test
	void refusesOverLongValuesAndShortensTheirErrorsInTheHistory(CapturedOutput output) {
		String code = "x".repeat(200_000);
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "languages": ["%s"]}""".formatted(DEMO_LINK, code));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"languages\":[\"\\\"" + code + "\\\" is not a valid choice.\"]}");
		String overLong = """
				{"resource_link": "%s", "languages": ["en"], "discount": "%s", "price_currency": "%s"}"""
			.formatted(DEMO_LINK, "\\ud83d\\ude00".repeat(11), "E".repeat(8));
		assertRejected(overLong, """
				{"price_currency":["Ensure this field has no more than 7 characters."],\
				"discount":["Ensure this field has no more than 20 characters."]}""");
		assertThat(this.db.draftRuns()).isEmpty();
		List<Map<String, Object>> events = this.db.events();
		assertThat(events).hasSize(2).allSatisfy((event) -> assertThat(event.get("outcome")).isEqualTo("rejected"));
		String errors = events.get(0).get("errors").toString();
		assertThat(errors.length()).isLessThanOrEqualTo(100_000);
		assertThat(errors).startsWith("{\"languages\":[\"\\\"xxx").endsWith("x\u2026\"]}");
		assertNoServerError(output);
	}

	private void assertRejected(String body, String expected) {
		HttpResponse<String> response = this.http.sync(body);
		assertThat(response.statusCode()).as(body).isEqualTo(400);
		assertThat(response.body()).as(body).isEqualTo(expected);
	}

	private static void assertNoServerError(CapturedOutput output) {
		assertThat(output.getAll().lines().filter((line) -> SERVER_ERROR_LOG.matcher(line).find()))
			.as("no ERROR is logged for a refused input")
			.isEmpty();
	}

	private void assertNothingStored() {
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).isEmpty();
	}

}
