package org.coursesync.sync;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.support.HttpIT;
import org.coursesync.support.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The updates of one link that arrive while one of them is being written are written
 * together, on every database: one read and one write for the group, one history row per
 * item, each with its own before and after values, and the run's version counting each
 * item's write.
 */
class SameLinkGroupingIT extends HttpIT {

	static final String LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";

	@Autowired
	CourseRunSync sync;

	@Autowired
	MeterRegistry meters;

	@MockitoSpyBean
	SyncRules rules;

	final ExecutorService senders = Executors.newCachedThreadPool();

	@BeforeEach
	void setUp() {
		UUID course = this.db.course("DEMOX", "Demo");
		this.db.publishCourse(course);
	}

	@AfterEach
	void stopSenders() {
		this.senders.shutdownNow();
	}

	@Test
	void writesTheUpdatesQueuedBehindARunningOneTogether() throws Exception {
		HttpResponse<String> created = this.http.sync("""
				{"resource_link": "%s", "start": "2030-01-01T00:00:00Z", "enrollment_start": "2029-12-01T00:00:00Z", \
				"languages": ["en"], "enrollment_count": 1}""".formatted(LINK));
		assertThat(created.statusCode()).isEqualTo(200);
		this.jdbc.update("DELETE FROM sync_event");
		clearInvocations(this.rules);
		DistributionSummary groups = this.meters.get("coursesync.sync.update.group.size").summary();
		long groupsBefore = groups.count();
		double itemsBefore = groups.totalAmount();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean first = new AtomicBoolean(true);
		// Holds the first group after its read, so that the next updates queue behind it.
		doAnswer((invocation) -> {
			if (first.getAndSet(false)) {
				started.countDown();
				if (!release.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("never released");
				}
			}
			return invocation.callRealMethod();
		}).when(this.rules).plan(any(), any(), any());
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		responses.add(send(10));
		assertThat(started.await(30, TimeUnit.SECONDS)).as("the first group started").isTrue();
		for (int count = 11; count <= 15; count++) {
			int waiting = this.sync.waitingUpdates(LINK);
			responses.add(send(count));
			Poll.until("update " + count + " to queue", Duration.ofSeconds(30),
					() -> this.sync.waitingUpdates(LINK) == waiting + 1);
		}
		release.countDown();
		for (Future<HttpResponse<String>> response : responses) {
			assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			assertThat(response.get().body()).isEqualTo("{\"success\":true}");
		}
		@SuppressWarnings({ "unchecked", "rawtypes" })
		ArgumentCaptor<List<SyncRules.PendingUpdate>> items = (ArgumentCaptor) ArgumentCaptor.forClass(List.class);
		verify(this.rules, times(2)).plan(any(), any(), items.capture());
		assertThat(items.getAllValues()).extracting(List::size).containsExactly(1, 5);
		assertThat(groups.count() - groupsBefore).isEqualTo(2);
		assertThat(groups.totalAmount() - itemsBefore).isEqualTo(6.0);
		assertThat(this.db.draftRuns()).singleElement().satisfies((run) -> {
			assertThat(run.get("enrollment_count")).isEqualTo(15);
			assertThat(((Number) run.get("version")).longValue()).as("one write per update").isEqualTo(6);
		});
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
		// One row per item, each with its own change, in the order they were applied.
		assertThat(this.db.events()).extracting((event) -> event.get("changes"))
			.containsExactly(change(1, 10), change(10, 11), change(11, 12), change(12, 13), change(13, 14),
					change(14, 15));
		assertThat(this.db.events()).extracting((event) -> event.get("outcome")).containsOnly("updated");
	}

	private Future<HttpResponse<String>> send(int count) {
		String body = """
				{"resource_link": "%s", "enrollment_count": %s}""".formatted(LINK, count);
		return this.senders.submit(() -> this.http.sync(body));
	}

	private static String change(int before, int after) {
		return """
				{"enrollment_count":{"before":%s,"after":%s}}""".formatted(before, after);
	}

}
