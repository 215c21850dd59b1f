package org.coursesync.reliability;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.coursesync.support.Database;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one real PostgreSQL, racing: one run per link, every
 * request answered 200 (lost races are retried inside), a history row per item.
 */
class MultiInstanceConcurrencyIT {

	static final String LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	/** Richie's answer to an accepted item. */
	static final String SUCCESS = """
			{"success":true}""";

	static EmbeddedPostgres postgres;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static Database db;

	UUID course;

	@BeforeAll
	static void startInstances() throws IOException {
		postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
		first = TwoInstances.start(TwoInstances.url(postgres));
		second = TwoInstances.start(TwoInstances.url(postgres));
		db = new Database(
				new JdbcTemplate(new DriverManagerDataSource(TwoInstances.url(postgres), "postgres", "postgres")));
	}

	@AfterAll
	static void stopInstances() throws IOException {
		first.close();
		second.close();
		postgres.close();
	}

	@BeforeEach
	void setUp() {
		db.reset();
		this.course = db.course("DEMOX", "Demo");
		db.publishCourse(this.course);
	}

	private static List<HttpResponse<String>> race(List<Callable<HttpResponse<String>>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (Callable<HttpResponse<String>> call : calls) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void fiftyConcurrentFirstSyncsOfOneLinkMakeOneRun() throws Exception {
		TestHttp a = new TestHttp(TwoInstances.port(first));
		TestHttp b = new TestHttp(TwoInstances.port(second));
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			TestHttp target = (i % 2 == 0) ? a : b;
			String body = """
					{"resource_link": "%s", "languages": ["en"], "enrollment_count": %s}""".formatted(LINK, i);
			calls.add(() -> target.sync(body));
		}
		List<HttpResponse<String>> responses = race(calls);
		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(SUCCESS);
		});
		assertThat(db.draftRuns()).hasSize(1);
		assertThat(db.publicRuns()).singleElement()
			.satisfies((copy) -> assertThat(copy.get("draft_run_id")).isEqualTo(db.draftRuns().get(0).get("id")));
		List<Map<String, Object>> events = db.events();
		assertThat(events).hasSize(50);
		assertThat(events.stream().filter((e) -> "created".equals(e.get("outcome")))).hasSize(1);
		assertThat(events.stream().filter((e) -> "updated".equals(e.get("outcome")))).hasSize(49);
	}

	@Test
	void aStormOnOneRunFromBothInstancesKeepsEveryUpdate() throws Exception {
		TestHttp a = new TestHttp(TwoInstances.port(first));
		TestHttp b = new TestHttp(TwoInstances.port(second));
		assertThat(a.sync("""
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": 0}""".formatted(LINK)).statusCode())
			.isEqualTo(200);
		double groupedBefore = groupedItems(first) + groupedItems(second);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 1; i <= 80; i++) {
			TestHttp target = (i % 2 == 0) ? a : b;
			String body = """
					{"resource_link": "%s", "enrollment_count": %s}""".formatted(LINK, i);
			calls.add(() -> target.sync(body));
		}
		List<HttpResponse<String>> responses = race(calls);
		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(SUCCESS);
		});
		// Every update was written by a group of its instance, each with its own history
		// row.
		assertThat(groupedItems(first) + groupedItems(second) - groupedBefore).isEqualTo(80.0);
		List<Map<String, Object>> events = db.events();
		assertThat(events).hasSize(81);
		assertThat(events.stream().filter((e) -> "updated".equals(e.get("outcome")))).hasSize(80);
		Map<String, Object> draft = db.draftRuns().get(0);
		assertThat(db.draftRuns()).hasSize(1);
		assertThat((Integer) draft.get("enrollment_count")).isBetween(1, 80);
		assertThat(db.publicRuns()).singleElement()
			.satisfies((copy) -> assertThat(copy.get("enrollment_count")).isEqualTo(draft.get("enrollment_count")));
	}

	@Test
	void aStormFromBothInstancesLeavesASerialHistory() throws Exception {
		HistoryChainIT.storm(db,
				List.of(new TestHttp(TwoInstances.port(first)), new TestHttp(TwoInstances.port(second))),
				HistoryChainIT.UPDATES, HistoryChainIT.SENDERS, "two instances");
	}

	private static double groupedItems(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class).get("coursesync.sync.update.group.size").summary().totalAmount();
	}

	@Test
	void overlappingBatchesOnBothInstancesMakeOneRunPerLink() throws Exception {
		TestHttp a = new TestHttp(TwoInstances.port(first));
		TestHttp b = new TestHttp(TwoInstances.port(second));
		List<String> links = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			links.add("http://example.edx:8073/courses/course-v1:edX+DemoX+R" + i + "/course/");
		}
		Random random = new Random(42);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int batch = 0; batch < 10; batch++) {
			List<String> chosen = new ArrayList<>(links);
			Collections.shuffle(chosen, random);
			List<String> items = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				items.add("""
						{"resource_link": "%s", "languages": ["en"], "enrollment_count": %s}""".formatted(chosen.get(i),
						batch));
			}
			String json = "[" + String.join(", ", items) + "]";
			TestHttp target = (batch % 2 == 0) ? a : b;
			calls.add(() -> target.sync(json));
		}
		List<HttpResponse<String>> responses = race(calls);
		assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		List<Map<String, Object>> runs = db.draftRuns();
		assertThat(runs.stream().map((run) -> run.get("resource_link")).distinct()).hasSameSizeAs(runs);
		assertThat(db.publicRuns()).hasSameSizeAs(runs);
		assertThat(db.events()).hasSize(200);
		assertThat(db.events().stream().filter((e) -> "created".equals(e.get("outcome")))).hasSameSizeAs(runs);
	}

	@Test
	void syncsRacingAnAdminPublishLoseNothing() throws Exception {
		TestHttp a = new TestHttp(TwoInstances.port(first));
		TestHttp b = new TestHttp(TwoInstances.port(second));
		String draftLink = "https://draft.lms/courses/course-v1:edX+DemoX+D/info";
		assertThat(a.sync("""
				{"resource_link": "%s", "languages": ["en"], "start": "2030-01-01T00:00:00Z", \
				"enrollment_start": "2029-01-01T00:00:00Z"}""".formatted(draftLink)).statusCode()).isEqualTo(200);
		List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 1; i <= 20; i++) {
			String body = """
					{"resource_link": "%s", "languages": ["en"], "enrollment_count": %s}""".formatted(LINK, i);
			String draftBody = """
					{"resource_link": "%s", "enrollment_count": %s}""".formatted(draftLink, i);
			calls.add(() -> a.sync(body));
			calls.add(() -> b.sync(draftBody));
			// Ten publishes, alternating between the instances (a lambda reading
			// calls.size() would see the full list and always pick one): the instances
			// share the login buckets, whose ten attempts per client address a slow
			// machine could otherwise hold beyond the wait for a login in progress.
			if (i % 2 == 0) {
				TestHttp publisher = (i % 4 == 0) ? a : b;
				calls.add(() -> publisher.admin("POST", "/api/admin/courses/DEMOX/publish", null));
			}
		}
		List<HttpResponse<String>> responses = race(calls);
		assertThat(responses).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		// One draft and one public copy per link; a final publish makes them equal.
		assertThat(db.draftRuns()).hasSize(2);
		assertThat(db.publicRuns()).hasSize(2);
		assertThat(a.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
		for (Map<String, Object> draft : db.draftRuns()) {
			Map<String, Object> copy = db.publicRuns()
				.stream()
				.filter((run) -> run.get("draft_run_id").equals(draft.get("id")))
				.findFirst()
				.orElseThrow();
			assertThat(copy.get("enrollment_count")).isEqualTo(draft.get("enrollment_count"));
		}
		assertThat(db.unpublishedChanges("DEMOX")).isFalse();
		assertThat(db.events()).hasSize(41);
	}

}
