package org.coursesync.reconciliation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mockwebserver3.RecordedRequest;
import org.coursesync.reconciliation.FakeOpenEdx.Fault;
import org.coursesync.support.HttpIT;
import org.coursesync.support.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;

/**
 * Reconciliation against Open edX as a real HTTP server ({@link FakeOpenEdx}): the rules
 * of the repair, the token, the faults, the version race and the admin endpoints.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReconciliationIT extends HttpIT {

	static final FakeOpenEdx lms = new FakeOpenEdx();

	static final String DRAFT = "https://draft.lms";

	static final String PUBLIC = "https://protected.lms";

	static final String WRONG = "https://wrong.lms";

	static final String LEARNER = "https://learner.lms";

	static final String ON_BEHALF = "https://onbehalf.lms";

	static final String REFUSED = "https://refused.lms";

	static final String TOKEN = "https://token.lms";

	static final String A = "course-v1:edX+A+1";

	static final String B = "course-v1:edX+B+1";

	static final String C = "course-v1:edX+C+1";

	static final String D = "course-v1:edX+D+1";

	static final String E = "course-v1:edX+E+1";

	static final String Z = "course-v1:edX+Z+1";

	static final String JAN = "2030-01-01T00:00:00Z";

	static final String MAR = "2030-03-01T00:00:00Z";

	static final String JUN = "2030-06-01T00:00:00Z";

	static final String DEC = "2030-12-01T00:00:00Z";

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		String b = "coursesync.lms-backends";
		lms.registerDraftBackend(registry, b + "[0]", DRAFT);
		registry.add(b + "[0].reconciliation.page-size", () -> "2");
		registry.add(b + "[1].base-url", () -> PUBLIC);
		registry.add(b + "[1].backend", () -> "openedx");
		registry.add(b + "[1].course-regex",
				() -> "^https://protected\\.lms/courses/(?P<course_id>.+)/(course|info)/?$");
		registry.add(b + "[1].default-course-run-sync-mode", () -> "sync_to_public");
		registry.add(b + "[1].course-run-sync-no-update-fields[0]", () -> "start");
		registry.add(b + "[1].reconciliation.course-api-url", () -> lms.url(FakeOpenEdx.ANONYMOUS_API));
		registry.add(b + "[2].base-url", () -> "https://base.lms");
		registry.add(b + "[2].backend", () -> "base");
		registry.add(b + "[2].course-regex", () -> "^https://base\\.lms/");
		registry.add(b + "[3].base-url", () -> WRONG);
		registry.add(b + "[3].backend", () -> "openedx");
		registry.add(b + "[3].course-regex", () -> "^https://wrong\\.lms/courses/(?P<course_id>.+)/(course|info)/?$");
		registry.add(b + "[3].reconciliation.course-api-url", () -> lms.url(FakeOpenEdx.API));
		registry.add(b + "[3].reconciliation.token-url", () -> lms.url("/oauth2/access_token"));
		registry.add(b + "[3].reconciliation.client-id", () -> FakeOpenEdx.CLIENT_ID);
		registry.add(b + "[3].reconciliation.client-secret", () -> "not-the-secret");
		registry.add(b + "[3].reconciliation.username", () -> FakeOpenEdx.USERNAME);
		// Clients whose token does not show the service user as global staff.
		authenticated(registry, 4, LEARNER, FakeOpenEdx.LEARNER_CLIENT_ID, FakeOpenEdx.LEARNER_CLIENT_SECRET,
				FakeOpenEdx.LEARNER);
		authenticated(registry, 5, ON_BEHALF, FakeOpenEdx.CLIENT_ID, FakeOpenEdx.CLIENT_SECRET, FakeOpenEdx.LEARNER);
		authenticated(registry, 6, REFUSED, FakeOpenEdx.LEARNER_CLIENT_ID, FakeOpenEdx.LEARNER_CLIENT_SECRET,
				FakeOpenEdx.USERNAME);
		// Only the token fault test uses it: its first token call is that test's.
		authenticated(registry, 7, TOKEN, FakeOpenEdx.CLIENT_ID, FakeOpenEdx.CLIENT_SECRET, FakeOpenEdx.USERNAME);
		// Well above a call's time on a loaded machine; the timeout faults take longer.
		registry.add("coursesync.reconciliation-request-timeout", () -> "3s");
		registry.add("coursesync.reconciliation-check", () -> "1h");
	}

	private static void authenticated(DynamicPropertyRegistry registry, int index, String base, String clientId,
			String secret, String username) {
		String b = "coursesync.lms-backends[" + index + "]";
		registry.add(b + ".base-url", () -> base);
		registry.add(b + ".backend", () -> "openedx");
		registry.add(b + ".course-regex",
				() -> "^" + base.replace(".", "\\.") + "/courses/(?P<course_id>.+)/(course|info)/?$");
		registry.add(b + ".default-course-run-sync-mode", () -> "sync_to_draft");
		registry.add(b + ".reconciliation.course-api-url", () -> lms.url(FakeOpenEdx.API));
		registry.add(b + ".reconciliation.token-url", () -> lms.url("/oauth2/access_token"));
		registry.add(b + ".reconciliation.client-id", () -> clientId);
		registry.add(b + ".reconciliation.client-secret", () -> secret);
		registry.add(b + ".reconciliation.username", () -> username);
		registry.add(b + ".reconciliation.page-size", () -> "2");
	}

	@Autowired
	JsonMapper json;

	@Autowired
	MeterRegistry meters;

	@MockitoSpyBean
	RepairGate gate;

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM reconciliation_lease");
		this.jdbc.update("DELETE FROM reconciliation");
		doCallRealMethod().when(this.gate).beforeWrite(anyString());
		for (String code : List.of("A", "B", "C", "D", "E")) {
			this.db.publishCourse(this.db.course(code, "Course " + code));
		}
	}

	@Test
	void repairsTheRunsOfEveryPageThroughTheSyncRules() throws Exception {
		webhook(DRAFT, A, "info", JAN, JUN, "course_and_search");
		webhook(DRAFT, A, "course", JAN, JUN, "course_and_search");
		webhook(DRAFT, B, "info", MAR, DEC, "course_and_search");
		webhook(DRAFT, C, "info", MAR, DEC, "course_and_search");
		webhook(DRAFT, D, "info", MAR, DEC, "course_and_search");
		webhook(DRAFT, E, "info", JAN, JUN, "course_and_search");
		this.jdbc.update("UPDATE course_run SET sync_mode = 'manual' WHERE resource_link = ?", link(DRAFT, E, "info"));
		this.jdbc.update("UPDATE course SET unpublished_changes = FALSE");
		int webhookRows = this.db.count("sync_event");
		double finishedBefore = counter("coursesync.reconciliations", "outcome", "finished");
		double repairedBefore = counter("coursesync.reconciliation.runs.repaired", null, null);
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false), FakeOpenEdx.course(B, MAR, DEC, false),
				FakeOpenEdx.course(C, MAR, DEC, true), FakeOpenEdx.course(E, MAR, DEC, false),
				FakeOpenEdx.course(Z, MAR, DEC, false));

		JsonNode report = reconcile(DRAFT);

		assertThat(report.get("status").asString()).isEqualTo("finished");
		assertThat(report.get("trigger").asString()).isEqualTo("admin");
		assertThat(report.get("listing").asString()).isEqualTo("complete");
		assertThat(report.get("courses_seen").asInt()).isEqualTo(5);
		// A's /info and /course/ links, and C (hidden: course_and_search -> course_only).
		assertThat(report.get("runs_updated").asInt()).isEqualTo(3);
		// B equal, E manual.
		assertThat(report.get("runs_unchanged").asInt()).isEqualTo(2);
		assertThat(report.get("runs_skipped_newer").asInt()).isZero();
		assertThat(report.get("runs_rejected").asInt()).isZero();
		assertThat(strings(report.get("not_in_catalog"))).containsExactly(Z);
		assertThat(report.get("not_in_catalog_total").asInt()).isEqualTo(1);
		assertThat(strings(report.get("missing_in_lms"))).containsExactly(link(DRAFT, D, "info"));
		assertThat(report.get("missing_in_lms_total").asInt()).isEqualTo(1);
		assertThat(report.get("error").isNull()).isTrue();
		assertThat(report.get("finished_at").isNull()).isFalse();
		Poll.until("the metrics", Duration.ofSeconds(10),
				() -> counter("coursesync.reconciliations", "outcome", "finished") == finishedBefore + 1
						&& counter("coursesync.reconciliation.runs.repaired", null, null) == repairedBefore + 3);
		assertThat(this.meters.get("coursesync.reconciliation.duration").tag("lms_backend", DRAFT).timer().count())
			.isPositive();

		for (String kind : List.of("info", "course")) {
			assertThat(instant(link(DRAFT, A, kind), "start_at")).isEqualTo(MAR);
			assertThat(instant(link(DRAFT, A, kind), "end_at")).isEqualTo(DEC);
		}
		assertThat(column(link(DRAFT, C, "info"), "catalog_visibility")).isEqualTo("course_only");
		assertThat(instant(link(DRAFT, E, "info"), "start_at")).isEqualTo(JAN);
		// sync_to_draft: the draft is written, the course marked, no public copy made.
		assertThat(this.db.unpublishedChanges("A")).isTrue();
		assertThat(this.db.unpublishedChanges("B")).isFalse();
		assertThat(this.db.publicRuns()).isEmpty();
		// Nothing created or deleted.
		assertThat(this.db.count("course_run")).isEqualTo(6);
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT * FROM sync_event WHERE source = 'reconciliation' ORDER BY resource_link");
		assertThat(rows).extracting((row) -> row.get("resource_link"))
			.containsExactly(link(DRAFT, A, "course"), link(DRAFT, A, "info"), link(DRAFT, C, "info"));
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row.get("outcome")).isEqualTo("updated");
			assertThat(row.get("secret_index")).isNull();
		});
		assertThat(this.json.readTree((String) rows.get(2).get("changes")).propertyNames())
			.containsExactly("catalog_visibility");
		assertThat(this.db.count("sync_event")).isEqualTo(webhookRows + 3);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_event WHERE source = 'webhook'", Integer.class))
			.isEqualTo(webhookRows);

		// Three pages, one token (reused, also from an earlier test of this class), each
		// call with the token and the service user.
		assertThat(lms.tokenCalls.get()).isLessThanOrEqualTo(1);
		int tokens = lms.tokenCalls.get();
		List<RecordedRequest> calls = lms.apiRequests();
		assertThat(calls).hasSize(3);
		String authorization = calls.get(0).getHeaders().get("Authorization");
		assertThat(authorization).startsWith("JWT ");
		assertThat(lms.issuedTokens()).contains(authorization.substring(4));
		assertThat(calls).allSatisfy((call) -> {
			assertThat(call.getHeaders().get("Authorization")).isEqualTo(authorization);
			assertThat(call.getUrl().queryParameter("username")).isEqualTo(FakeOpenEdx.USERNAME);
			assertThat(call.getUrl().queryParameter("page_size")).isEqualTo("2");
		});

		// A second run finds every run equal: nothing written.
		JsonNode again = reconcile(DRAFT);
		assertThat(again.get("runs_updated").asInt()).isZero();
		assertThat(again.get("runs_unchanged").asInt()).isEqualTo(5);
		assertThat(this.db.count("sync_event")).isEqualTo(webhookRows + 3);
		assertThat(lms.tokenCalls.get()).isEqualTo(tokens);
	}

	@Test
	void syncToPublicWritesBothCopiesKeepsNoUpdateFieldsAndAPartialListingListsNoMissingRun() throws Exception {
		webhook(PUBLIC, A, "info", JAN, JUN, "course_only");
		webhook(PUBLIC, B, "info", JAN, JUN, "hidden");
		webhook(PUBLIC, D, "info", JAN, JUN, "course_and_search");
		lms.serve(100, FakeOpenEdx.course(A, MAR, DEC, false), FakeOpenEdx.course(B, MAR, JUN, true));

		JsonNode report = reconcile(PUBLIC);

		assertThat(report.get("status").asString()).isEqualTo("finished");
		assertThat(report.get("listing").asString()).isEqualTo("partial");
		assertThat(report.get("runs_updated").asInt()).isEqualTo(1);
		assertThat(report.get("runs_unchanged").asInt()).isEqualTo(1);
		assertThat(strings(report.get("missing_in_lms"))).isEmpty();
		assertThat(report.get("missing_in_lms_total").asInt()).isZero();
		String a = link(PUBLIC, A, "info");
		// start is a no-update field of this backend; end and visibility are written to
		// the draft and to its public copy.
		assertThat(instant(a, "start_at")).isEqualTo(JAN);
		assertThat(instant(a, "end_at")).isEqualTo(DEC);
		assertThat(column(a, "catalog_visibility")).isEqualTo("course_and_search");
		Map<String, Object> copy = this.jdbc.queryForMap("SELECT * FROM course_run_public WHERE resource_link = ?", a);
		assertThat(instant("course_run_public", a, "end_at")).isEqualTo(DEC);
		assertThat(instant("course_run_public", a, "start_at")).isEqualTo(JAN);
		assertThat(copy.get("catalog_visibility")).isEqualTo("course_and_search");
		// hidden: true leaves a visibility other than course_and_search alone.
		assertThat(column(link(PUBLIC, B, "info"), "catalog_visibility")).isEqualTo("hidden");
		// Anonymous calls: no token, no user.
		assertThat(lms.tokenCalls.get()).isZero();
		assertThat(lms.requests).allSatisfy((call) -> {
			assertThat(call.getHeaders().get("Authorization")).isNull();
			assertThat(call.getUrl().queryParameter("username")).isNull();
		});
	}

	@Test
	void aValueTheRulesRefuseIsRejectedAndRecorded() throws Exception {
		webhook(DRAFT, A, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, "not a date", DEC, false));

		JsonNode report = reconcile(DRAFT);

		assertThat(report.get("status").asString()).isEqualTo("finished");
		assertThat(report.get("runs_rejected").asInt()).isEqualTo(1);
		assertThat(instant(link(DRAFT, A, "info"), "end_at")).isEqualTo(JUN);
		Map<String, Object> row = this.jdbc.queryForMap("SELECT * FROM sync_event WHERE source = 'reconciliation'");
		assertThat(row.get("outcome")).isEqualTo("rejected");
		assertThat((String) row.get("errors")).contains("start");
	}

	@Test
	void aWebhookBetweenTheReadAndTheWriteIsNeverOverwritten() throws Exception {
		String a = link(DRAFT, A, "info");
		webhook(DRAFT, A, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false));
		CountDownLatch reached = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		doAnswer((invocation) -> {
			reached.countDown();
			assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
			return null;
		}).when(this.gate).beforeWrite(eq(a));

		String location = start(DRAFT);
		assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
		// The webhook lands after the API was read, before the repair is written.
		webhook(DRAFT, A, "info", JUN, DEC, "course_only");
		release.countDown();
		JsonNode report = finished(location);

		assertThat(report.get("status").asString()).isEqualTo("finished");
		assertThat(report.get("runs_skipped_newer").asInt()).isEqualTo(1);
		assertThat(report.get("runs_updated").asInt()).isZero();
		assertThat(instant(a, "start_at")).isEqualTo(JUN);
		assertThat(column(a, "catalog_visibility")).isEqualTo("course_only");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_event WHERE source = 'reconciliation'",
				Integer.class))
			.isZero();
	}

	@Test
	void aSecondStartWhileOneRunsIsAConflict() throws Exception {
		webhook(DRAFT, A, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false));
		CountDownLatch reached = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		doAnswer((invocation) -> {
			reached.countDown();
			assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
			return null;
		}).when(this.gate).beforeWrite(anyString());
		String location = start(DRAFT);
		assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();

		HttpResponse<String> second = post(backend(DRAFT));
		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(second.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.json.readTree(second.body()).get("detail").asString()).contains(location);
		JsonNode running = this.json.readTree(this.http.adminGet(location).body());
		assertThat(running.get("status").asString()).isEqualTo("running");

		release.countDown();
		assertThat(finished(location).get("status").asString()).isEqualTo("finished");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation", Integer.class)).isEqualTo(1);
		// Once it ended, another may start.
		doCallRealMethod().when(this.gate).beforeWrite(anyString());
		assertThat(reconcile(DRAFT).get("status").asString()).isEqualTo("finished");
	}

	@Test
	void startRefusesUnknownAndNonOpenedxBackends() {
		HttpResponse<String> unknown = post(backend("https://nowhere.lms"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(unknown.body()).contains("Unknown 'lms_backend'");
		HttpResponse<String> base = post(backend("https://base.lms"));
		assertThat(base.statusCode()).isEqualTo(400);
		assertThat(base.body()).contains("not an openedx backend");
		assertThat(post("{}").statusCode()).isEqualTo(400);
		assertThat(post("[1]").statusCode()).isEqualTo(400);
		assertThat(this.http.adminGet("/api/admin/reconciliations/" + java.util.UUID.randomUUID()).statusCode())
			.isEqualTo(404);
		assertThat(this.http.adminGet("/api/admin/reconciliations/not-a-uuid").statusCode()).isEqualTo(400);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation", Integer.class)).isZero();
		assertThat(this.http.send(java.net.http.HttpRequest.newBuilder(this.http.uri("/api/admin/reconciliations")))
			.statusCode()).isEqualTo(401);
	}

	@Test
	void listsReportsNewestFirst() throws Exception {
		lms.serve(2);
		JsonNode first = reconcile(DRAFT);
		JsonNode second = reconcile(PUBLIC);
		HttpResponse<String> list = this.http.adminGet("/api/admin/reconciliations?size=1");
		assertThat(list.statusCode()).isEqualTo(200);
		JsonNode page = this.json.readTree(list.body());
		assertThat(page.get("total_items").asInt()).isEqualTo(2);
		assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(second.get("id").asString());
		JsonNode next = this.json.readTree(this.http.adminGet("/api/admin/reconciliations?page=1&size=1").body());
		assertThat(next.get("items").get(0).get("id").asString()).isEqualTo(first.get("id").asString());
		assertThat(this.http.adminGet("/api/admin/reconciliations?size=0").statusCode()).isEqualTo(400);
	}

	@Test
	void neverLogsTheTokenOrTheSecret(CapturedOutput output) throws Exception {
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false));
		lms.fault(1, Fault.UNAVAILABLE_ONCE);
		assertThat(reconcile(DRAFT).get("status").asString()).isEqualTo("finished");
		assertThat(lms.issuedTokens()).isNotEmpty();
		assertThat(output.getAll()).doesNotContain(FakeOpenEdx.CLIENT_SECRET);
		for (String token : lms.issuedTokens()) {
			assertThat(output.getAll()).doesNotContain(token);
		}
	}

	@Test
	void refusedClientCredentialsFailOnTheFirstPage(CapturedOutput output) throws Exception {
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false));
		JsonNode report = reconcile(WRONG);
		assertThat(report.get("status").asString()).isEqualTo("failed");
		// Spring Security names the refusal (here invalid_token_response: a 401 answer).
		assertThat(report.get("error").asString()).startsWith("page 1: no token from the token endpoint (");
		assertThat(lms.apiRequests()).isEmpty();
		assertThat(output.getAll()).doesNotContain("not-the-secret");
		assertThat(report.toString()).doesNotContain("not-the-secret");
	}

	@Test
	void repairsTheEnrollmentDates() throws Exception {
		String b = link(DRAFT, B, "info");
		webhook(DRAFT, B, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(B, JAN, JUN, "2029-11-01T00:00:00Z", "2030-02-01T00:00:00Z", false));

		JsonNode report = reconcile(DRAFT);

		assertThat(report.get("runs_updated").asInt()).as(report.toString()).isEqualTo(1);
		assertThat(instant(b, "enrollment_start")).isEqualTo("2029-11-01T00:00:00Z");
		assertThat(instant(b, "enrollment_end")).isEqualTo("2030-02-01T00:00:00Z");
		String changes = this.jdbc.queryForObject("SELECT changes FROM sync_event WHERE source = 'reconciliation'",
				String.class);
		assertThat(this.json.readTree(changes).propertyNames()).containsExactlyInAnyOrder("enrollment_start",
				"enrollment_end");
	}

	@Test
	void listsAreCappedAtAThousandWithTheirTotal() throws Exception {
		String[] courses = new String[1_001];
		for (int i = 0; i < courses.length; i++) {
			courses[i] = FakeOpenEdx.course("course-v1:edX+Unknown" + i + "+1", MAR, DEC, false);
		}
		lms.serve(100, courses);

		JsonNode report = reconcile(PUBLIC);

		assertThat(report.get("courses_seen").asInt()).isEqualTo(1_001);
		assertThat(report.get("not_in_catalog")).hasSize(1_000);
		assertThat(report.get("not_in_catalog_total").asInt()).isEqualTo(1_001);
		assertThat(strings(report.get("not_in_catalog"))).first().isEqualTo("course-v1:edX+Unknown0+1");
	}

	@Test
	void aUserThatIsNotGlobalStaffListsPartially() throws Exception {
		webhook(LEARNER, A, "info", JAN, JUN, "course_and_search");
		webhook(LEARNER, B, "info", JAN, JUN, "course_and_search");
		webhook(LEARNER, D, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false), FakeOpenEdx.course(B, MAR, DEC, false),
				FakeOpenEdx.course(C, MAR, DEC, false));
		// Open edX shows B to global staff only: this user's listing lacks it.
		lms.staffOnly(B);

		JsonNode report = reconcile(LEARNER);

		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("finished");
		assertThat(report.get("listing").asString()).isEqualTo("partial");
		assertThat(report.get("courses_seen").asInt()).isEqualTo(2);
		assertThat(report.get("runs_updated").asInt()).isEqualTo(1);
		assertThat(strings(report.get("not_in_catalog"))).containsExactly(C);
		// B and D are not listed to this user: neither is reported missing, neither
		// changed.
		assertThat(strings(report.get("missing_in_lms"))).isEmpty();
		assertThat(report.get("missing_in_lms_total").asInt()).isZero();
		assertThat(instant(link(LEARNER, A, "info"), "start_at")).isEqualTo(MAR);
		assertThat(instant(link(LEARNER, B, "info"), "start_at")).isEqualTo(JAN);
		assertThat(this.jdbc.queryForObject("SELECT listing FROM reconciliation", String.class)).isEqualTo("partial");
		// The learner's own token, with its own name.
		assertThat(lms.apiRequests()).hasSize(1).allSatisfy((call) -> {
			assertThat(call.getUrl().queryParameter("username")).isEqualTo(FakeOpenEdx.LEARNER);
			assertThat(lms.issuedTokens()).contains(call.getHeaders().get("Authorization").substring(4));
		});
	}

	@Test
	void aStaffTokenListingAnotherUsersCoursesListsPartially() throws Exception {
		webhook(ON_BEHALF, A, "info", JAN, JUN, "course_and_search");
		webhook(ON_BEHALF, D, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false));

		JsonNode report = reconcile(ON_BEHALF);

		// The token's user is staff, but the listing is what the named user sees.
		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("finished");
		assertThat(report.get("listing").asString()).isEqualTo("partial");
		assertThat(report.get("runs_updated").asInt()).isEqualTo(1);
		assertThat(strings(report.get("missing_in_lms"))).isEmpty();
		assertThat(report.get("missing_in_lms_total").asInt()).isZero();
		assertThat(lms.apiRequests())
			.allSatisfy((call) -> assertThat(call.getUrl().queryParameter("username")).isEqualTo(FakeOpenEdx.LEARNER));
	}

	@Test
	void aUserThatIsNotStaffAskingForAnotherUsersCoursesFails() throws Exception {
		webhook(REFUSED, A, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false));
		int rows = this.db.count("sync_event");

		JsonNode report = reconcile(REFUSED);

		assertThat(report.get("status").asString()).isEqualTo("failed");
		assertThat(report.get("error").asString())
			.isEqualTo("page 1: HTTP 403: Open edX refuses to list the courses of username '" + FakeOpenEdx.USERNAME
					+ "' to the token's user (only global staff may list another user's)");
		// A refusal is not retried, and nothing is written.
		assertThat(lms.apiRequests()).hasSize(1);
		assertThat(instant(link(REFUSED, A, "info"), "start_at")).isEqualTo(JAN);
		assertThat(this.db.count("sync_event")).isEqualTo(rows);
		assertThat(strings(report.get("missing_in_lms"))).isEmpty();
	}

	@Test
	void aTokenEndpointThatTimesOutIsRetried() throws Exception {
		webhook(TOKEN, A, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false));
		lms.tokenFault(FakeOpenEdx.TokenFault.TIMEOUT_ONCE);

		JsonNode report = reconcile(TOKEN);

		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("finished");
		assertThat(report.get("listing").asString()).isEqualTo("complete");
		assertThat(report.get("runs_updated").asInt()).isEqualTo(1);
		assertThat(lms.tokenCalls.get()).isEqualTo(2);
		assertThat(instant(link(TOKEN, A, "info"), "start_at")).isEqualTo(MAR);
	}

	// Faults: each ends as the contract says, naming the page and the cause; the pages
	// before it stay repaired, nothing of the failed page is written.

	@Test
	void aTimeoutRetriedThenFailsNamingThePage() throws Exception {
		JsonNode report = failedOnPage2(Fault.TIMEOUT);
		assertThat(report.get("error").asString()).isEqualTo("page 2: timed out (after 4 attempts)");
		assertThat(lms.calls(2)).isEqualTo(4);
	}

	@Test
	void a503RetriedThenFailsNamingThePage() throws Exception {
		JsonNode report = failedOnPage2(Fault.UNAVAILABLE);
		assertThat(report.get("error").asString()).isEqualTo("page 2: HTTP 503 (after 4 attempts)");
		assertThat(lms.calls(2)).isEqualTo(4);
	}

	@Test
	void anInvalidJsonPageRetriedThenFailsNamingThePage() throws Exception {
		JsonNode report = failedOnPage2(Fault.INVALID_JSON);
		assertThat(report.get("error").asString()).isEqualTo("page 2: invalid JSON (after 4 attempts)");
	}

	@Test
	void aLoopingNextFails() throws Exception {
		JsonNode report = failedOn(1, Fault.LOOP);
		assertThat(report.get("error").asString()).startsWith("page 2: the next link of page 1 repeats page 1 (");
		assertThat(lms.calls(1)).isEqualTo(1);
	}

	@Test
	void aNextOnAnotherOriginFails() throws Exception {
		JsonNode report = failedOn(1, Fault.FOREIGN_NEXT);
		assertThat(report.get("error").asString())
			.isEqualTo("page 2: the next link of page 1 leaves the course API's origin (http://elsewhere.example)");
		assertThat(lms.requests).noneMatch((call) -> call.getUrl().host().contains("elsewhere"));
	}

	@Test
	void morePagesThanAnnouncedFails() throws Exception {
		webhook(DRAFT, A, "info", JAN, JUN, "course_and_search");
		lms.serve(1, FakeOpenEdx.course(A, MAR, DEC, false), FakeOpenEdx.course(B, MAR, DEC, false));
		lms.fault(1, Fault.FEWER_PAGES_ANNOUNCED);
		JsonNode report = reconcile(DRAFT);
		assertThat(report.get("status").asString()).isEqualTo("failed");
		assertThat(report.get("error").asString()).isEqualTo("page 2: more pages than the 1 announced by num_pages");
	}

	@Test
	void a429WaitsForRetryAfterAndIsNoFailure() throws Exception {
		webhook(DRAFT, A, "info", JAN, JUN, "course_and_search");
		webhook(DRAFT, C, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false), FakeOpenEdx.course(B, MAR, DEC, false),
				FakeOpenEdx.course(C, MAR, DEC, false));
		lms.fault(2, Fault.THROTTLED_ONCE);
		JsonNode report = reconcile(DRAFT);
		assertThat(report.get("status").asString()).isEqualTo("finished");
		assertThat(report.get("runs_updated").asInt()).isEqualTo(2);
		assertThat(lms.calls(2)).isEqualTo(2);
	}

	@Test
	void a429WhoseWaitPassesTheDeadlineFails() throws Exception {
		JsonNode report = failedOnPage2(Fault.THROTTLED_LONG);
		assertThat(report.get("error").asString())
			.isEqualTo("page 2: throttled (429) with Retry-After 3600s beyond the deadline");
		assertThat(lms.calls(2)).isEqualTo(1);
	}

	@Test
	void a503OnceIsRetried() throws Exception {
		webhook(DRAFT, C, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false), FakeOpenEdx.course(B, MAR, DEC, false),
				FakeOpenEdx.course(C, MAR, DEC, false));
		lms.fault(2, Fault.UNAVAILABLE_ONCE);
		JsonNode report = reconcile(DRAFT);
		assertThat(report.get("status").asString()).isEqualTo("finished");
		assertThat(instant(link(DRAFT, C, "info"), "start_at")).isEqualTo(MAR);
	}

	/**
	 * Page 1 holds A (repaired), page 2 holds C, whose run must stay as it was; the
	 * listing did not end, so no run is listed as missing.
	 */
	private JsonNode failedOnPage2(Fault fault) throws Exception {
		return failedOn(2, fault);
	}

	/** The same, for a fault of page {@code page}'s link or answer. */
	private JsonNode failedOn(int page, Fault fault) throws Exception {
		webhook(DRAFT, A, "info", JAN, JUN, "course_and_search");
		webhook(DRAFT, C, "info", JAN, JUN, "course_and_search");
		webhook(DRAFT, D, "info", JAN, JUN, "course_and_search");
		lms.serve(2, FakeOpenEdx.course(A, MAR, DEC, false), FakeOpenEdx.course(B, MAR, DEC, false),
				FakeOpenEdx.course(C, MAR, DEC, false), FakeOpenEdx.course(E, MAR, DEC, false));
		lms.fault(page, fault);
		JsonNode report = reconcile(DRAFT);
		assertThat(report.get("status").asString()).as(report.toString()).isEqualTo("failed");
		assertThat(report.get("runs_updated").asInt()).as(report.toString()).isEqualTo(1);
		assertThat(instant(link(DRAFT, A, "info"), "start_at")).isEqualTo(MAR);
		assertThat(instant(link(DRAFT, C, "info"), "start_at")).isEqualTo(JAN);
		assertThat(strings(report.get("missing_in_lms"))).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sync_event WHERE source = 'reconciliation'",
				Integer.class))
			.isEqualTo(1);
		// The lease is free again.
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_lease WHERE report_id IS NOT NULL",
				Integer.class))
			.isZero();
		return report;
	}

	private void webhook(String base, String key, String kind, String start, String end, String visibility) {
		String body = """
				{"resource_link": "%s", "start": "%s", "end": "%s", "enrollment_start": "%s", "enrollment_end": null, \
				"languages": ["en"], "enrollment_count": 0, "catalog_visibility": "%s"}"""
			.formatted(link(base, key, kind), start, end, FakeOpenEdx.ENROLLMENT_START, visibility);
		HttpResponse<String> response = this.http.sync(body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	static String link(String base, String key, String kind) {
		return base + "/courses/" + key + "/" + kind;
	}

	private HttpResponse<String> post(String body) {
		return this.http.admin("POST", "/api/admin/reconciliations", body);
	}

	/** The body of a start: the backend to reconcile. */
	private static String backend(String base) {
		return """
				{"lms_backend": "%s"}""".formatted(base);
	}

	private String start(String backend) {
		HttpResponse<String> response = post(backend(backend));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("/api/admin/reconciliations/");
		return location;
	}

	private JsonNode reconcile(String backend) throws InterruptedException {
		return finished(start(backend));
	}

	private JsonNode finished(String location) throws InterruptedException {
		JsonNode[] report = new JsonNode[1];
		Poll.until("the reconciliation to end", Duration.ofSeconds(60), () -> {
			HttpResponse<String> response = this.http.adminGet(location);
			assertThat(response.statusCode()).isEqualTo(200);
			report[0] = this.json.readTree(response.body());
			return !report[0].get("status").asString().equals("running");
		});
		return report[0];
	}

	private String instant(String link, String column) {
		return instant("course_run", link, column);
	}

	private String instant(String table, String link, String column) {
		OffsetDateTime value = this.jdbc.queryForObject(
				"SELECT " + column + " FROM " + table + " WHERE resource_link = ?", OffsetDateTime.class, link);
		return (value != null) ? value.toInstant().toString() : null;
	}

	private Object column(String link, String column) {
		return this.jdbc.queryForObject("SELECT " + column + " FROM course_run WHERE resource_link = ?", Object.class,
				link);
	}

	private double counter(String name, String tag, String value) {
		var search = this.meters.find(name).tag("lms_backend", DRAFT);
		if (tag != null) {
			search = search.tag(tag, value);
		}
		Counter counter = search.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
