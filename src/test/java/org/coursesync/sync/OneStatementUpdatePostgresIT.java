package org.coursesync.sync;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.course.CourseRun;
import org.coursesync.course.PublicCourseRun;
import org.coursesync.course.RunField;
import org.coursesync.course.SyncMode;
import org.coursesync.support.Database;
import org.coursesync.support.EmbeddedPostgresSupport;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.coursesync.synclog.SyncOutcome;
import org.coursesync.synclog.SyncRecord;
import org.coursesync.synclog.SyncSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The update of an existing run on PostgreSQL: one statement for the draft, its public
 * copy, the course flag and the history row, atomic, and retried from its read when the
 * run vanished in between.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OneStatementUpdatePostgresIT {

	static final String DRAFT_LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/info";

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresSupport.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@MockitoSpyBean
	PostgresRunUpdates updates;

	Database db;

	TestHttp http;

	@BeforeEach
	void setUp() {
		this.db = new Database(this.jdbc);
		this.db.reset();
		this.http = new TestHttp(this.port);
		UUID course = this.db.course("DEMOX", "Demo");
		this.db.publishCourse(course);
	}

	@Autowired
	CourseRunSync sync;

	@Autowired
	MeterRegistry meters;

	final ExecutorService senders = Executors.newCachedThreadPool();

	@AfterEach
	void dropTrigger() {
		this.senders.shutdownNow();
		this.jdbc.execute("DROP TRIGGER IF EXISTS fail_public_update ON course_run_public");
		this.jdbc.execute("DROP TRIGGER IF EXISTS fail_event_insert ON sync_event");
	}

	private void syncCount(String mode, int count) {
		HttpResponse<String> response = this.http.sync("{\"resource_link\": \"" + DRAFT_LINK
				+ "\", \"start\": \"2030-01-01T00:00:00Z\", \"enrollment_start\": \"2029-12-01T00:00:00Z\", \"languages\": [\"en\"], \"enrollment_count\": "
				+ count + "}");
		assertThat(response.statusCode()).as(mode + " " + count + ": " + response.body()).isEqualTo(200);
	}

	/** A run of DRAFT_LINK in {@code mode}, with a public copy. */
	private void existingRun(String mode) {
		syncCount("create", 1);
		this.jdbc.update("UPDATE course_run SET sync_mode = ?", mode);
		assertThat(this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
		this.jdbc.update("DELETE FROM sync_event");
	}

	@Test
	void updatesDraftCopyAndHistoryInOneStatement() throws SQLException {
		existingRun("sync_to_public");
		syncCount("update", 7);
		verify(this.updates).update(any(Connection.class), any(GroupWrite.class));
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(7));
		assertThat(this.db.publicRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(7));
		assertThat(this.db.unpublishedChanges("DEMOX")).isFalse();
		assertThat(this.db.events()).singleElement().satisfies((event) -> {
			assertThat(event.get("outcome")).isEqualTo("updated");
			assertThat(event.get("changes")).isEqualTo("{\"enrollment_count\":{\"before\":1,\"after\":7}}");
			assertThat(event.get("course_code")).isEqualTo("DEMOX");
			assertThat(event.get("secret_index")).isEqualTo(0);
		});
	}

	@Test
	void marksTheCourseDirtyForADraftOnlyUpdate() throws SQLException {
		existingRun("sync_to_draft");
		syncCount("update", 9);
		verify(this.updates).update(any(Connection.class), any(GroupWrite.class));
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(9));
		assertThat(this.db.publicRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(1));
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
		assertThat(this.db.events()).extracting((event) -> event.get("outcome")).containsExactly("updated");
	}

	@Test
	void writesNothingWhenTheStatementFailsHalfWay() {
		existingRun("sync_to_public");
		// The draft's update runs first; the copy's update then fails inside the
		// statement.
		this.jdbc.execute("CREATE OR REPLACE FUNCTION fail_update() RETURNS trigger LANGUAGE plpgsql AS "
				+ "$$ BEGIN RAISE EXCEPTION 'injected failure'; END $$");
		this.jdbc.execute("CREATE TRIGGER fail_public_update BEFORE UPDATE ON course_run_public "
				+ "FOR EACH ROW EXECUTE FUNCTION fail_update()");
		HttpResponse<String> response = this.http
			.sync("{\"resource_link\": \"" + DRAFT_LINK + "\", \"languages\": [\"en\"], \"enrollment_count\": 42}");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body())
			.isEqualTo("{\"detail\":\"The catalog database failed to store the update; retry in a few seconds.\"}");
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(1));
		assertThat(this.db.publicRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(1));
		assertThat(this.db.events()).singleElement().satisfies((event) -> {
			assertThat(event.get("outcome")).isEqualTo("rejected");
			assertThat(event.get("errors").toString()).contains("could not store this item");
		});
	}

	@Test
	void refusesToWriteWhenTheCopyVanishedAndWritesNothing() {
		existingRun("sync_to_public");
		StoredRun found = this.updates.inOneConnection((connection) -> this.updates.find(connection, DRAFT_LINK))
			.orElseThrow();
		CourseRun run = found.run();
		PublicCourseRun copy = found.publicCopy();
		assertThat(found.courseCode()).isEqualTo("DEMOX");
		this.jdbc.update("DELETE FROM course_run_public");
		Instant now = Instant.now();
		run.set(RunField.ENROLLMENT_COUNT, 5);
		run.setUpdatedAt(now);
		copy.set(RunField.ENROLLMENT_COUNT, 5);
		copy.setUpdatedAt(now);
		SyncRecord record = new SyncRecord(DRAFT_LINK, "https://draft.lms", SyncOutcome.UPDATED, SyncSource.webhook(0),
				"DEMOX", run.getId(), SyncMode.SYNC_TO_PUBLIC, Map.of(), Map.of());
		assertThatExceptionOfType(ConcurrencyFailureException.class)
			.isThrownBy(() -> this.updates.inOneConnection((connection) -> {
				this.updates.update(connection, new GroupWrite(run, Set.of(RunField.ENROLLMENT_COUNT), 1, copy,
						Set.of(RunField.ENROLLMENT_COUNT), false, now, List.of(record)));
				return null;
			}));
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((draft) -> assertThat(draft.get("enrollment_count")).isEqualTo(1));
		assertThat(this.db.events()).isEmpty();
	}

	@Test
	void retriesFromTheReadWhenTheRunWasDeletedMeanwhile() throws SQLException {
		existingRun("sync_to_public");
		AtomicBoolean deleted = new AtomicBoolean();
		doAnswer((invocation) -> {
			Optional<?> found = (Optional<?>) invocation.callRealMethod();
			if (found.isPresent() && deleted.compareAndSet(false, true)) {
				// An admin deletes the run (and a publish its copy) after this sync read
				// it.
				this.jdbc.update("DELETE FROM course_run_public");
				this.jdbc.update("DELETE FROM course_run");
			}
			return found;
		}).when(this.updates).find(any(), anyString());
		syncCount("update", 3);
		List<Map<String, Object>> runs = this.db.draftRuns();
		assertThat(runs).singleElement().satisfies((run) -> {
			assertThat(run.get("enrollment_count")).isEqualTo(3);
			assertThat(run.get("sync_mode")).isEqualTo("sync_to_draft");
		});
		assertThat(this.db.events()).extracting((event) -> event.get("outcome")).containsExactly("created");
		verify(this.updates, atLeastOnce()).find(any(), eq(DRAFT_LINK));
	}

	@Test
	void writesTheUpdatesQueuedBehindARunningOneAsOneStatement() throws Exception {
		existingRun("sync_to_public");
		DistributionSummary groups = this.meters.get("coursesync.sync.update.group.size").summary();
		long groupsBefore = groups.count();
		double itemsBefore = groups.totalAmount();
		BlockedWrite blocked = blockTheFirstWrite();
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		responses.add(startBlocked(blocked, 10));
		for (int count = 11; count <= 15; count++) {
			responses.add(queueBehind(count));
		}
		blocked.release().countDown();
		for (Future<HttpResponse<String>> response : responses) {
			assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
			assertThat(response.get().body()).isEqualTo("{\"success\":true}");
		}
		ArgumentCaptor<GroupWrite> writes = ArgumentCaptor.forClass(GroupWrite.class);
		verify(this.updates, times(2)).update(any(Connection.class), writes.capture());
		assertThat(writes.getAllValues()).extracting((write) -> write.records().size()).containsExactly(1, 5);
		assertThat(groups.count() - groupsBefore).isEqualTo(2);
		assertThat(groups.totalAmount() - itemsBefore).isEqualTo(6.0);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(15));
		assertThat(this.db.publicRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(15));
		// One row per item, each with its own change, in the order they were applied.
		assertThat(this.db.events()).extracting((event) -> event.get("changes"))
			.containsExactly(change(1, 10), change(10, 11), change(11, 12), change(12, 13), change(13, 14),
					change(14, 15));
		assertThat(this.db.events()).extracting((event) -> event.get("outcome")).containsOnly("updated");
	}

	@Test
	void answersEachItemOfAGroupThatCannotBeWrittenOnItsOwn() throws Exception {
		existingRun("sync_to_public");
		// The history row of the item that sets the count to 13 cannot be written.
		this.jdbc.execute("CREATE OR REPLACE FUNCTION fail_update() RETURNS trigger LANGUAGE plpgsql AS "
				+ "$$ BEGIN IF NEW.changes LIKE '%\"after\":13}%' THEN RAISE EXCEPTION 'injected failure'; END IF;"
				+ " RETURN NEW; END $$");
		this.jdbc.execute("CREATE TRIGGER fail_event_insert BEFORE INSERT ON sync_event "
				+ "FOR EACH ROW EXECUTE FUNCTION fail_update()");
		BlockedWrite blocked = blockTheFirstWrite();
		Future<HttpResponse<String>> first = startBlocked(blocked, 10);
		Future<HttpResponse<String>> failing = queueBehind(13);
		Future<HttpResponse<String>> last = queueBehind(14);
		blocked.release().countDown();
		assertThat(first.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(failing.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
		assertThat(failing.get().body())
			.isEqualTo("{\"detail\":\"The catalog database failed to store the update; retry in a few seconds.\"}");
		assertThat(last.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(14));
		assertThat(this.db.events()).extracting((event) -> event.get("outcome"))
			.containsExactlyInAnyOrder("updated", "updated", "rejected");
		assertThat(this.db.events()).extracting((event) -> event.get("changes"))
			.contains(change(1, 10), change(10, 14))
			.doesNotContain(change(10, 13));
	}

	private static String change(int before, int after) {
		return "{\"enrollment_count\":{\"before\":" + before + ",\"after\":" + after + "}}";
	}

	/**
	 * Holds the first write of a run (after its read) until {@code release}, so that the
	 * next updates of the link queue up behind it; {@code started} once it is held.
	 */
	private record BlockedWrite(CountDownLatch started, CountDownLatch release) {
	}

	private BlockedWrite blockTheFirstWrite() throws SQLException {
		BlockedWrite blocked = new BlockedWrite(new CountDownLatch(1), new CountDownLatch(1));
		AtomicBoolean first = new AtomicBoolean(true);
		doAnswer((invocation) -> {
			if (first.getAndSet(false)) {
				blocked.started().countDown();
				if (!blocked.release().await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("never released");
				}
			}
			return invocation.callRealMethod();
		}).when(this.updates).update(any(Connection.class), any(GroupWrite.class));
		return blocked;
	}

	private Future<HttpResponse<String>> syncInBackground(int count) {
		String body = "{\"resource_link\": \"" + DRAFT_LINK + "\", \"enrollment_count\": " + count + "}";
		return this.senders.submit(() -> this.http.sync(body));
	}

	/** Sends an update of the link and waits until it queued behind the blocked write. */
	private Future<HttpResponse<String>> queueBehind(int count) throws InterruptedException {
		int waiting = this.sync.waitingUpdates(DRAFT_LINK);
		Future<HttpResponse<String>> response = syncInBackground(count);
		Poll.until("update " + count + " to queue", Duration.ofSeconds(30),
				() -> this.sync.waitingUpdates(DRAFT_LINK) == waiting + 1);
		return response;
	}

	/** Sends the first update of the link and waits until its write is held. */
	private Future<HttpResponse<String>> startBlocked(BlockedWrite blocked, int count) throws InterruptedException {
		Future<HttpResponse<String>> response = syncInBackground(count);
		assertThat(blocked.started().await(30, TimeUnit.SECONDS)).as("the first write started").isTrue();
		return response;
	}

	@Test
	void leavesManualRunsToTheTransactionalPath() throws SQLException {
		existingRun("manual");
		syncCount("manual", 4);
		verify(this.updates, never()).update(any(Connection.class), any(GroupWrite.class));
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("enrollment_count")).isEqualTo(1));
		assertThat(this.db.events()).extracting((event) -> event.get("outcome")).containsExactly("unchanged");
	}

}
