package org.coursesync.reliability;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.coursesync.support.Database;
import org.coursesync.support.HttpIT;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent updates of one run, each with its own value: the history is serial
 * (each row records the values its write replaced), the newest row matches the stored
 * run, and the run's version counts the writes.
 */
class HistoryChainIT extends HttpIT {

	static final String LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	static final int UPDATES = 400;

	static final int SENDERS = 40;

	@BeforeEach
	void setUp() {
		this.db.publishCourse(this.db.course("DEMOX", "Demo"));
	}

	@Test
	void concurrentUpdatesOfOneRunLeaveASerialHistory() throws Exception {
		storm(this.db, List.of(http), UPDATES, SENDERS, getClass().getSimpleName());
	}

	@Test
	void adminEditsAndPublishesAdvanceTheVersionToo() {
		assertThat(http.sync(body(0)).statusCode()).isEqualTo(200);
		assertThat(version(this.db)).isZero();
		Object id = this.db.draftRuns().get(0).get("id");
		assertThat(http.admin("PATCH", "/api/admin/course-runs/" + id, "{\"title\": \"Spring\"}").statusCode())
			.isEqualTo(200);
		assertThat(version(this.db)).isEqualTo(1);
		assertThat(http.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
		assertThat(version(this.db)).isEqualTo(2);
		assertThat(http.sync(body(5)).statusCode()).isEqualTo(200);
		assertThat(version(this.db)).isEqualTo(3);
		// A sync that changes nothing writes nothing.
		assertThat(http.sync(body(5)).statusCode()).isEqualTo(200);
		assertThat(version(this.db)).isEqualTo(3);
		assertThat(this.db.draftRuns().get(0)).containsEntry("title", "Spring").containsEntry("enrollment_count", 5);
	}

	/**
	 * Creates the run of {@link #LINK} with count 0, sends {@code updates} updates
	 * (counts 1..updates) from {@code senders} threads spread over {@code instances}, and
	 * checks the history chain, the stored run, its copy and its version.
	 */
	static void storm(Database db, List<TestHttp> instances, int updates, int senders, String what) throws Exception {
		assertThat(instances.get(0).sync(body(0)).statusCode()).isEqualTo(200);
		ExecutorService pool = Executors.newFixedThreadPool(senders);
		List<HttpResponse<String>> responses = new ArrayList<>();
		try {
			List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
			for (int i = 1; i <= updates; i++) {
				TestHttp target = instances.get(i % instances.size());
				String body = body(i);
				calls.add(() -> target.sync(body));
			}
			for (Future<HttpResponse<String>> future : pool.invokeAll(calls, 10, TimeUnit.MINUTES)) {
				responses.add(future.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Map<String, Object>> events = db.events();
		HistoryChain chain = HistoryChain.of(events);
		System.out.printf("%s: %d of %d history rows share their \"before\" with another row (%d answers not 200)%n",
				what, chain.sharedBefores(), chain.steps().size(),
				responses.stream().filter((response) -> response.statusCode() != 200).count());
		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"success\":true}");
		});
		assertThat(events).hasSize(updates + 1);
		assertThat(chain.steps()).hasSize(updates);
		assertThat(chain.sharedBefores()).isZero();
		Map<String, Object> draft = db.draftRuns().get(0);
		assertThat(db.draftRuns()).hasSize(1);
		int stored = (Integer) draft.get("enrollment_count");
		chain.assertSerial(0, stored);
		assertThat(db.publicRuns()).singleElement()
			.satisfies((copy) -> assertThat(copy.get("enrollment_count")).isEqualTo(stored));
		// Created with version 0, then one write per update.
		assertThat(version(db)).as("writes counted by the run's version").isEqualTo(updates);
	}

	static String body(int count) {
		return """
				{"resource_link": "%s", "languages": ["en"], "enrollment_count": %d}""".formatted(LINK, count);
	}

	static long version(Database db) {
		Long version = db.jdbc().queryForObject("SELECT version FROM course_run", Long.class);
		return (version != null) ? version : -1;
	}

}
