package org.coursesync.synclog;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.TestClockConfiguration;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/admin/lms-backends}: every configured backend, in configuration order,
 * with its newest accepted webhook item and its accepted and rejected items of the last
 * 24 hours; never a secret; admins only.
 */
@Import(TestClockConfiguration.class)
class LmsBackendsIT extends HttpIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String DRAFT = "https://draft.lms";

	@Autowired
	MutableClock clock;

	@BeforeEach
	void setUp() {
		this.db.course("DEMOX", "Demo");
		this.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
	}

	private static String item(int n) {
		return """
				{"resource_link":"%s/courses/course-v1:edX+DemoX+%d/course/","languages":["en"]}""".formatted(DRAFT, n);
	}

	private JsonNode backends() {
		HttpResponse<String> response = this.http.adminGet("/api/admin/lms-backends");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).doesNotContain(TestHttp.SECRET).doesNotContain("other secret");
		return JSON.readTree(response.body()).get("items");
	}

	private static JsonNode backend(JsonNode items, String baseUrl) {
		for (JsonNode item : items) {
			if (item.get("base_url").asString().equals(baseUrl)) {
				return item;
			}
		}
		throw new AssertionError("no backend " + baseUrl + " in " + items);
	}

	@Test
	void listsEveryConfiguredBackendInOrderWithItsConfigurationButNoSecret() {
		JsonNode items = backends();
		List<String> urls = new ArrayList<>();
		items.forEach((item) -> urls.add(item.get("base_url").asString()));
		assertThat(urls).containsExactly(DRAFT, "https://manual.lms", "https://protected.lms", "https://joanie.test",
				"https://base.lms", "http://example.edx:8073");
		for (JsonNode item : items) {
			assertThat(item.propertyNames()).containsExactlyInAnyOrder("base_url", "kind", "course_regex",
					"last_accepted_sync", "syncs_24h", "rejected_24h");
			assertThat(item.get("last_accepted_sync").isNull()).isTrue();
			assertThat(item.get("syncs_24h").asLong()).isZero();
			assertThat(item.get("rejected_24h").asLong()).isZero();
		}
		// Richie's dotted class name is shown by its short name.
		assertThat(backend(items, "https://manual.lms").get("kind").asString()).isEqualTo("openedx");
		assertThat(backend(items, "https://joanie.test").get("kind").asString()).isEqualTo("joanie");
		assertThat(backend(items, "https://base.lms").get("kind").asString()).isEqualTo("base");
		assertThat(backend(items, DRAFT).get("course_regex").asString())
			.isEqualTo("^https://draft\\.lms/courses/(?P<course_id>.+)/(course|info)/?$");
	}

	@Test
	void showsTheLastAcceptedSyncAndTheItemsOfTheLast24Hours() {
		Instant firstSync = this.clock.instant();
		assertThat(this.http.sync(item(1)).statusCode()).isEqualTo(200);
		this.clock.set(firstSync.plus(Duration.ofMinutes(10)));
		HttpResponse<String> rejected = this.http.sync("""
				{"resource_link":"%s/courses/course-v1:edX+DemoX+2/course/","languages":["en"],\
				"enrollment_count":"many"}""".formatted(DRAFT));
		assertThat(rejected.statusCode()).isEqualTo(400);
		// Unauthenticated requests leave no row and count nowhere here.
		HttpResponse<String> unsigned = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("Authorization", "SIG-HMAC-SHA256 " + "0".repeat(64))
				.POST(HttpRequest.BodyPublishers.ofString(item(3))));
		assertThat(unsigned.statusCode()).isEqualTo(401);
		// A reconciliation's row is not a push by the LMS: it moves neither figure.
		insertEvent(firstSync.plus(Duration.ofMinutes(20)), DRAFT, "updated", "reconciliation");
		// Older than 24 hours: outside the counts.
		insertEvent(firstSync.minus(Duration.ofHours(30)), DRAFT, "created", "webhook");
		assertThat(this.db.count("sync_event")).isEqualTo(4);

		JsonNode draft = backend(backends(), DRAFT);
		assertThat(Instant.parse(draft.get("last_accepted_sync").asString())).isEqualTo(firstSync);
		assertThat(draft.get("syncs_24h").asLong()).isEqualTo(1);
		assertThat(draft.get("rejected_24h").asLong()).isEqualTo(1);
		assertThat(backend(backends(), "https://protected.lms").get("last_accepted_sync").isNull()).isTrue();

		// A day later the counts are empty; the last accepted sync stays.
		this.clock.set(firstSync.plus(Duration.ofHours(25)));
		draft = backend(backends(), DRAFT);
		assertThat(Instant.parse(draft.get("last_accepted_sync").asString())).isEqualTo(firstSync);
		assertThat(draft.get("syncs_24h").asLong()).isZero();
		assertThat(draft.get("rejected_24h").asLong()).isZero();
	}

	@Test
	void needsTheAdminLogin() {
		HttpResponse<String> anonymous = this.http
			.send(HttpRequest.newBuilder(this.http.uri("/api/admin/lms-backends")).GET());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(anonymous.body()).doesNotContain("base_url");
	}

	void insertEvent(Instant at, String backend, String outcome, String source) {
		this.jdbc.update(
				"INSERT INTO sync_event (id, received_at, resource_link, lms_backend, outcome, secret_index, source) "
						+ "VALUES (?, ?, ?, ?, ?, 0, ?)",
				UUID.randomUUID(), Timestamp.from(at), DRAFT + "/courses/course-v1:edX+DemoX+9/course/", backend,
				outcome, source);
	}

}
