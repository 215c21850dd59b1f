package org.coursesync.catalog;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.TestClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's ETag follows its public changes and the clock, revalidation builds no
 * page, and next links walk the whole catalog: real HTTP, fed by signed syncs and admin
 * publishes.
 */
@Import(TestClockConfiguration.class)
class CatalogVersionIT extends HttpIT {

	static final String PUBLIC_LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	static final String DRAFT_LINK = "https://draft.lms/courses/course-v1:edX+DemoX+02/info";

	static final String RUNS = "/api/1.0/catalogs/main/course-runs";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void setUp() {
		this.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
		this.db.course("DEMOX", "Demo");
	}

	private HttpResponse<String> get(String pathAndQuery, String ifNoneMatch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(pathAndQuery))
			.header("Ocp-Apim-Subscription-Key", "main-key-1")
			.GET();
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request);
	}

	private HttpResponse<String> ok(String pathAndQuery) {
		HttpResponse<String> response = get(pathAndQuery, null);
		assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
		return response;
	}

	private static String etag(HttpResponse<String> response) {
		return response.headers().firstValue("ETag").orElseThrow();
	}

	private void publish() {
		assertThat(this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
	}

	private void sync(String body) {
		HttpResponse<String> response = this.http.sync(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private double pagesBuilt() {
		return this.meters.get("coursesync.catalog.pages.built").counter().count();
	}

	@Test
	void etagChangesWithEveryPublicChangeAndOnlyThen() {
		sync("""
				{"resource_link": "%s", "languages": ["en"], "start": "2030-03-01T00:00:00Z"}"""
			.formatted(PUBLIC_LINK));
		publish();
		HttpResponse<String> published = ok(RUNS);
		String tag = etag(published);
		assertThat(etag(ok(RUNS))).isEqualTo(tag);

		// A draft-mode sync and a deleted draft run change no public copy: same tag.
		sync("""
				{"resource_link": "%s", "languages": ["en"], "start": "2030-05-01T00:00:00Z"}""".formatted(DRAFT_LINK));
		assertThat(this.db.draftRuns()).hasSize(2);
		HttpResponse<String> unchanged = get(RUNS, tag);
		assertThat(unchanged.statusCode()).isEqualTo(304);
		assertThat(unchanged.body()).isEmpty();
		assertThat(ok(RUNS).body()).isEqualTo(published.body());

		// A sync_to_public update of a public run.
		sync("""
				{"resource_link": "%s", "start": "2030-04-01T00:00:00Z"}""".formatted(PUBLIC_LINK));
		HttpResponse<String> updated = get(RUNS, tag);
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(updated.body()).findValuesAsString("startDate"))
			.containsExactly("2030-04-01T00:00:00Z");
		String updatedTag = etag(updated);
		assertThat(updatedTag).isNotEqualTo(tag);

		// A publish that adds the draft run's copy.
		publish();
		HttpResponse<String> republished = get(RUNS, updatedTag);
		assertThat(republished.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(republished.body())).hasSize(2);
		String republishedTag = etag(republished);
		assertThat(republishedTag).isNotEqualTo(updatedTag);

		// Deleting the draft runs keeps the copies (same tag); the next publish removes
		// them.
		for (Map<String, Object> run : this.db.draftRuns()) {
			assertThat(this.http.admin("DELETE", "/api/admin/course-runs/" + run.get("id"), null).statusCode())
				.isEqualTo(204);
		}
		assertThat(get(RUNS, republishedTag).statusCode()).isEqualTo(304);
		publish();
		HttpResponse<String> emptied = get(RUNS, republishedTag);
		assertThat(emptied.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(emptied.body())).isEmpty();
		String emptiedTag = etag(emptied);
		assertThat(emptiedTag).isNotEqualTo(republishedTag);

		// Deleting the course removes its public copy.
		assertThat(this.http.admin("DELETE", "/api/admin/courses/DEMOX", null).statusCode()).isEqualTo(204);
		assertThat(this.db.count("course_public")).isZero();
		HttpResponse<String> deleted = get(RUNS, emptiedTag);
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(etag(deleted)).isNotEqualTo(emptiedTag);
	}

	@Test
	void revalidationAndRepeatedReadsBuildNoPage() {
		sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(PUBLIC_LINK));
		publish();
		HttpResponse<String> first = ok(RUNS + "?size=10");
		double built = pagesBuilt();
		HttpResponse<String> revalidated = get(RUNS + "?size=10", etag(first));
		assertThat(revalidated.statusCode()).isEqualTo(304);
		assertThat(revalidated.body()).isEmpty();
		assertThat(etag(revalidated)).isEqualTo(etag(first));
		assertThat(pagesBuilt()).isEqualTo(built);
		HttpResponse<String> again = ok(RUNS + "?size=10");
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.headers().firstValue("X-Total-Count")).hasValue("1");
		assertThat(pagesBuilt()).isEqualTo(built);
		// Another query is another page: built once.
		ok(RUNS + "?size=11");
		ok(RUNS + "?size=11");
		assertThat(pagesBuilt()).isEqualTo(built + 1);
	}

	@Test
	void etagAndAvailabilityFollowTheClockWithoutAnyWrite() {
		sync("""
				{"resource_link": "%s", "languages": ["en"], \
				"start": "2030-06-01T00:00:00Z", "end": "2030-09-01T00:00:00Z"}""".formatted(PUBLIC_LINK));
		publish();
		HttpResponse<String> upcoming = ok(RUNS);
		assertThat(JSON.readTree(upcoming.body()).get(0).get("availability").asString()).isEqualTo("Upcoming");
		// No boundary passed (the next is the start minus 60 days, 2030-04-02): still
		// fresh.
		this.clock.set(Instant.parse("2030-04-01T23:59:59Z"));
		assertThat(get(RUNS, etag(upcoming)).statusCode()).isEqualTo(304);
		this.clock.set(Instant.parse("2030-04-02T00:00:00Z"));
		HttpResponse<String> soon = get(RUNS, etag(upcoming));
		assertThat(soon.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(soon.body()).get(0).get("availability").asString()).isEqualTo("Starting Soon");
		assertThat(JSON.readTree(ok(RUNS + "?availability=Starting%20Soon").body())).hasSize(1);
		this.clock.set(Instant.parse("2030-06-01T00:00:00Z"));
		HttpResponse<String> current = get(RUNS, etag(soon));
		assertThat(current.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(current.body()).get(0).get("availability").asString()).isEqualTo("Current");
		assertThat(JSON.readTree(ok(RUNS + "?availability=Upcoming").body())).isEmpty();
		this.clock.set(Instant.parse("2030-09-01T00:00:00Z"));
		HttpResponse<String> archived = get(RUNS, etag(current));
		assertThat(archived.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(archived.body()).get(0).get("availability").asString()).isEqualTo("Archived");
		assertThat(JSON.readTree(ok(RUNS + "?availability=Archived").body())).hasSize(1);
		// Back in time (a clock set back): the old state again, its tag too.
		this.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
		assertThat(get(RUNS, etag(upcoming)).statusCode()).isEqualTo(304);
	}

	/** 23 runs: ties on the start, and three without a start (last in the order). */
	private void syncRuns(int from, int count, String start) {
		List<String> items = new ArrayList<>();
		for (int i = from; i < from + count; i++) {
			String date = (start != null) ? start
					: (i % 8 == 7) ? null : "2030-0" + (1 + i % 5) + "-1" + (i % 3) + "T00:00:00Z";
			String startValue = (date != null) ? '"' + date + '"' : "null";
			items.add("""
					{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+K%s/course/", \
					"languages": ["en"], "start": %s}""".formatted(i, startValue));
		}
		sync("[" + String.join(", ", items) + "]");
	}

	private record Walk(List<String> ids, Set<String> totals) {
	}

	/** Follows next links from {@code first}; between pages runs {@code between}. */
	private Walk walk(String first, Runnable between) {
		List<String> ids = new ArrayList<>();
		Set<String> totals = new HashSet<>();
		String next = first;
		int pages = 0;
		while (next != null) {
			HttpResponse<String> page = ok(next);
			JSON.readTree(page.body()).forEach((run) -> ids.add(run.get("id").asString()));
			totals.add(page.headers().firstValue("X-Total-Count").orElseThrow());
			String link = page.headers().firstValue("Link").orElseThrow();
			Matcher matcher = NEXT.matcher(link);
			next = matcher.find()
					? URI.create(matcher.group(1)).getRawPath() + "?" + URI.create(matcher.group(1)).getRawQuery()
					: null;
			if (next != null) {
				assertThat(next).contains("cursor=");
			}
			if (++pages == 2) {
				between.run();
			}
			assertThat(pages).isLessThan(100);
		}
		return new Walk(ids, totals);
	}

	private List<String> all() {
		List<String> ids = new ArrayList<>();
		JSON.readTree(ok(RUNS + "?size=1000").body()).forEach((run) -> ids.add(run.get("id").asString()));
		return ids;
	}

	@Test
	void nextLinksWalkTheWholeCatalogOnceAndPageNumbersStillWork() {
		syncRuns(0, 23, null);
		publish();
		List<String> all = all();
		assertThat(all).hasSize(23).doesNotHaveDuplicates();
		Walk walk = walk(RUNS + "?size=4", () -> {
		});
		assertThat(walk.ids()).containsExactlyElementsOf(all);
		assertThat(walk.totals()).containsExactly("23");
		// page and size, without a cursor, give the same pages.
		List<String> byNumber = new ArrayList<>();
		for (int page = 0; page < 6; page++) {
			JSON.readTree(ok(RUNS + "?size=4&page=" + page).body())
				.forEach((run) -> byNumber.add(run.get("id").asString()));
		}
		assertThat(byNumber).containsExactlyElementsOf(all);
	}

	@Test
	void aWalkSeesRunsAddedAheadOfItAndNoRunTwice() {
		syncRuns(0, 23, null);
		publish();
		List<String> before = all();
		// After the second page: one run sorted first (behind the walk), one sorted last
		// but
		// one (ahead of it, before the runs without a start).
		Walk walk = walk(RUNS + "?size=4", () -> {
			syncRuns(100, 1, "2029-01-01T00:00:00Z");
			syncRuns(101, 1, "2031-01-01T00:00:00Z");
			publish();
		});
		List<String> after = all();
		assertThat(after).hasSize(25);
		UUID behind = UUID.fromString(after.get(0));
		List<String> expected = new ArrayList<>(after);
		expected.remove(behind.toString());
		assertThat(before).doesNotContain(behind.toString());
		assertThat(walk.ids()).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
		assertThat(walk.totals()).containsExactlyInAnyOrder("23", "25");
	}

	@Test
	void rejectsABadCursorNamingIt() {
		for (String bad : new String[] { "x", "bm9wZQ", "LzEyMw" }) {
			HttpResponse<String> response = get(RUNS + "?cursor=" + bad, null);
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
			assertThat(response.body()).as(bad).startsWith("\"Invalid parameter 'cursor'");
		}
	}

}
