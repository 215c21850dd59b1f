package org.coursesync.catalog;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.RawHttp;
import org.coursesync.support.TestClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog read API over real HTTP, fed by signed syncs and admin publishes, with a
 * clock the test moves.
 */
@Import(TestClockConfiguration.class)
class CatalogIT extends HttpIT {

	static final String PUBLIC_LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	static final String DRAFT_LINK = "https://draft.lms/courses/course-v1:edX+DemoX+02/info";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MutableClock clock;

	UUID course;

	@BeforeEach
	void setUp() {
		this.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
		this.course = this.db.course("DEMOX", "Demo");
		this.jdbc.update("UPDATE course SET min_effort = 2, max_effort = 4, pacing_type = 'self_paced', "
				+ "weeks_to_complete = 6, modular_credit = 4, marketing_url = 'https://example.com/demo'");
	}

	private HttpResponse<String> get(String path, String key) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path)).GET();
		if (key != null) {
			request.header("Ocp-Apim-Subscription-Key", key);
		}
		return this.http.send(request);
	}

	private JsonNode runs(String query) {
		HttpResponse<String> response = get("/api/1.0/catalogs/main/course-runs" + query, "main-key-1");
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private void publish() {
		assertThat(this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
	}

	@Test
	void answersUnknownCatalogWith404EvenWithoutKey() {
		HttpResponse<String> response = get("/api/1.0/catalogs/nope/course-runs", null);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("\"the catalog is not found\"");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
	}

	@Test
	void refusesMissingOrForeignKeys() {
		for (String key : new String[] { null, "", "partner-key", "main-key-1x", "wrong" }) {
			HttpResponse<String> response = get("/api/1.0/catalogs/main/course-runs", key);
			assertThat(response.statusCode()).as(String.valueOf(key)).isEqualTo(403);
			assertThat(response.body()).isEqualTo("\"Login user not authorized to perform this action\"");
		}
		assertThat(get("/api/1.0/catalogs/main/course-runs", "main-key-2").statusCode()).isEqualTo(200);
	}

	@Test
	void servesPublishedRunsInTheLuminusRepresentation() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en", "fr"], \
				"start": "2030-03-01T09:00:00+01:00", "end": "2030-06-01T00:00:00Z", \
				"enrollment_start": "2029-12-01T00:00:00Z", "enrollment_end": "2030-03-15T00:00:00Z", \
				"offer": "free", "certificate_offer": "paid", "certificate_price": 59.99}""".formatted(PUBLIC_LINK));
		// Unpublished course: nothing is served.
		assertThat(runs("")).isEmpty();
		publish();
		JsonNode runs = runs("");
		assertThat(runs).hasSize(1);
		JsonNode run = runs.get(0);
		assertThat(run.get("id").asString()).isEqualTo(this.db.draftRuns().get(0).get("id").toString());
		assertThat(run.get("courserunKey").asString()).isEqualTo("course-v1:edX+DemoX+01");
		assertThat(run.get("uuid").asString()).isEqualTo(this.course.toString());
		assertThat(run.get("startDate").asString()).isEqualTo("2030-03-01T08:00:00Z");
		assertThat(run.get("endDate").asString()).isEqualTo("2030-06-01T00:00:00Z");
		assertThat(run.get("enrollmentStart").asString()).isEqualTo("2029-12-01T00:00:00Z");
		assertThat(run.get("enrollmentEnd").asString()).isEqualTo("2030-03-15T00:00:00Z");
		assertThat(run.get("minEffort").asInt()).isEqualTo(2);
		assertThat(run.get("maxEffort").asInt()).isEqualTo(4);
		assertThat(run.get("pacingType").asString()).isEqualTo("self_paced");
		assertThat(run.get("weeksToComplete").asInt()).isEqualTo(6);
		assertThat(run.get("modularCredit").asInt()).isEqualTo(4);
		assertThat(run.get("marketingUrl").asString()).isEqualTo("https://example.com/demo");
		assertThat(run.get("enrollmentUrl").asString()).isEqualTo(PUBLIC_LINK);
		assertThat(run.get("type").asString()).isEqualTo("verified");
		assertThat(run.get("price").asString()).isEqualTo("59.99");
		assertThat(run.get("availability").asString()).isEqualTo("Starting Soon");
		assertThat(run.get("languages").toString()).isEqualTo("""
				["en","fr"]""");
	}

	@Test
	void computesTypeAndPriceFromOffers() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "offer": "paid", \
				"price": "120", "certificate_offer": "paid", "certificate_price": 10}""".formatted(PUBLIC_LINK));
		publish();
		assertThat(runs("").get(0).get("type").asString()).isEqualTo("professional");
		assertThat(runs("").get(0).get("price").asString()).isEqualTo("120.00");
		this.http.sync("""
				{"resource_link": "%s", "offer": "free", "certificate_offer": null}""".formatted(PUBLIC_LINK));
		JsonNode run = runs("").get(0);
		assertThat(run.get("type").asString()).isEqualTo("audit");
		assertThat(run.get("price").isNull()).isTrue();
	}

	@Test
	void turnsCurrentWhenTheClockPassesTheStartAndArchivedAfterTheEnd() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], \
				"start": "2030-06-01T00:00:00Z", "end": "2030-09-01T00:00:00Z"}""".formatted(PUBLIC_LINK));
		publish();
		assertThat(runs("").get(0).get("availability").asString()).isEqualTo("Upcoming");
		assertThat(runs("?availability=Upcoming")).hasSize(1);
		this.clock.set(Instant.parse("2030-04-15T00:00:00Z"));
		assertThat(runs("").get(0).get("availability").asString()).isEqualTo("Starting Soon");
		assertThat(runs("?availability=Starting%20Soon")).hasSize(1);
		this.clock.set(Instant.parse("2030-06-01T00:00:01Z"));
		assertThat(runs("").get(0).get("availability").asString()).isEqualTo("Current");
		assertThat(runs("?availability=Current")).hasSize(1);
		assertThat(runs("?availability=Upcoming")).isEmpty();
		this.clock.set(Instant.parse("2030-09-02T00:00:00Z"));
		assertThat(runs("").get(0).get("availability").asString()).isEqualTo("Archived");
		assertThat(runs("?availability=Archived")).hasSize(1);
		assertThat(runs("?availability=Current")).isEmpty();
	}

	@Test
	void neverServesHiddenRuns() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "catalog_visibility": "none"}""".formatted(PUBLIC_LINK));
		publish();
		assertThat(this.db.publicRuns()).hasSize(1);
		assertThat(runs("")).isEmpty();
	}

	@Test
	void showsSyncToDraftUpdatesOnlyAfterPublishAndSyncToPublicAtOnce() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "start": "2030-05-01T00:00:00Z"}""".formatted(DRAFT_LINK));
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"], "start": "2030-05-02T00:00:00Z"}"""
			.formatted(PUBLIC_LINK));
		publish();
		assertThat(runs("")).hasSize(2);
		this.http.sync("""
				{"resource_link": "%s", "start": "2031-01-01T00:00:00Z"}""".formatted(DRAFT_LINK));
		this.http.sync("""
				{"resource_link": "%s", "start": "2031-02-01T00:00:00Z"}""".formatted(PUBLIC_LINK));
		JsonNode runs = runs("");
		assertThat(runs.findValuesAsString("startDate")).containsExactly("2030-05-01T00:00:00Z",
				"2031-02-01T00:00:00Z");
		publish();
		assertThat(runs("").findValuesAsString("startDate")).containsExactly("2031-01-01T00:00:00Z",
				"2031-02-01T00:00:00Z");
	}

	@Test
	void restrictsACatalogToItsLmsBackends() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(DRAFT_LINK));
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(PUBLIC_LINK));
		publish();
		HttpResponse<String> partner = get("/api/1.0/catalogs/partner/course-runs", "partner-key");
		assertThat(partner.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(partner.body()).findValuesAsString("enrollmentUrl")).containsExactly(DRAFT_LINK);
		assertThat(runs("")).hasSize(2);
	}

	@Test
	void filtersByCourseAndStartAndPagesWithHeaders() {
		this.db.course("OTHER", "Other");
		for (int i = 1; i <= 5; i++) {
			this.http.sync("""
					{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+R%s/course/", \
					"languages": ["en"], "start": "2030-0%s-10T00:00:00Z"}""".formatted(i, i));
		}
		publish();
		HttpResponse<String> first = get("/api/1.0/catalogs/main/course-runs?size=2", "main-key-1");
		assertThat(first.headers().firstValue("X-Total-Count")).hasValue("5");
		assertThat(first.headers().firstValue("Link"))
			.hasValueSatisfying((link) -> assertThat(link).contains("page=1&size=2>; rel=\"next\"")
				.contains("page=2&size=2>; rel=\"last\"")
				.doesNotContain("rel=\"prev\""));
		assertThat(JSON.readTree(first.body()).findValuesAsString("startDate")).containsExactly("2030-01-10T00:00:00Z",
				"2030-02-10T00:00:00Z");
		assertThat(runs("?size=2&page=2").findValuesAsString("startDate")).containsExactly("2030-05-10T00:00:00Z");
		assertThat(runs("?start_after=2030-02-10T00:00:00Z&start_before=2030-05-01").findValuesAsString("startDate"))
			.containsExactly("2030-03-10T00:00:00Z", "2030-04-10T00:00:00Z");
		assertThat(runs("?course=demox")).hasSize(5);
		assertThat(runs("?course=other")).isEmpty();
	}

	@Test
	void rejectsBadParametersNamingThem() {
		String[][] cases = { { "availability=Soon", "availability" }, { "size=0", "size" }, { "size=1001", "size" },
				{ "page=-1", "page" }, { "page=x", "page" }, { "start_after=yesterday", "start_after" },
				{ "start_before=2030-13-01", "start_before" }, { "course=!!!", "course" } };
		for (String[] bad : cases) {
			HttpResponse<String> response = get("/api/1.0/catalogs/main/course-runs?" + bad[0], "main-key-1");
			assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
			assertThat(response.body()).as(bad[0]).startsWith("\"Invalid parameter '" + bad[1] + "'");
		}
	}

	@Test
	void rejectsBadPercentEncodingNamingTheParameter() throws IOException {
		String[][] cases = { { "page=%zz", "page" }, { "size=%FF", "size" }, { "start_after=%E9", "start_after" },
				{ "course=%00", "course" }, { "availability=Current&page=1%", "page" } };
		for (String[] bad : cases) {
			RawHttp.Response response = RawHttp.get(this.port, "/api/1.0/catalogs/main/course-runs?" + bad[0],
					"Ocp-Apim-Subscription-Key: main-key-1");
			assertThat(response.status()).as(bad[0]).isEqualTo(400);
			assertThat(response.head()).as(bad[0]).containsIgnoringCase("Content-Type: application/json");
			assertThat(response.body()).as(bad[0]).startsWith("\"Invalid query parameter '" + bad[1] + "'");
		}
	}

	@Test
	void answers304WhenNothingChanged() {
		this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(PUBLIC_LINK));
		publish();
		HttpResponse<String> first = get("/api/1.0/catalogs/main/course-runs", "main-key-1");
		String etag = first.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> again = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/1.0/catalogs/main/course-runs"))
				.header("Ocp-Apim-Subscription-Key", "main-key-1")
				.header("If-None-Match", etag)
				.GET());
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		this.http.sync("""
				{"resource_link": "%s", "enrollment_count": 3, "start": "2030-02-01T00:00:00Z"}"""
			.formatted(PUBLIC_LINK));
		HttpResponse<String> changed = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/1.0/catalogs/main/course-runs"))
				.header("Ocp-Apim-Subscription-Key", "main-key-1")
				.header("If-None-Match", etag)
				.GET());
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
	}

}
