package org.coursesync.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

import org.coursesync.sync.CourseRunSync;
import org.coursesync.system.DatabaseFailures;
import org.coursesync.system.DurableCommits;
import org.coursesync.lms.LmsBackend;
import org.coursesync.synclog.SyncOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One reconciliation of one backend: reads the versions of its runs, lists the Course API
 * page by page and repairs each page's runs through the sync rules, each run applied only
 * to the version read before the listing.
 */
class Reconciler {

	private static final Logger logger = LoggerFactory.getLogger(Reconciler.class);

	private final Target target;

	private final UUID id;

	private final CourseApi api;

	private final CourseRunSync sync;

	private final ReconciliationStore store;

	private final JdbcClient jdbc;

	private final RepairGate gate;

	private final DurableCommits durable;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration lease;

	/**
	 * The longest rest after a repair (a slow database already leaves room to others).
	 */
	static final Duration PAUSE_LIMIT = Duration.ofSeconds(1);

	private final Tally tally = new Tally();

	Reconciler(Target target, UUID id, CourseApi api, CourseRunSync sync, ReconciliationStore store, JdbcClient jdbc,
			RepairGate gate, DurableCommits durable, JsonMapper json, Clock clock, Duration lease) {
		this.target = target;
		this.id = id;
		this.api = api;
		this.sync = sync;
		this.store = store;
		this.jdbc = jdbc;
		this.gate = gate;
		this.durable = durable;
		this.json = json;
		this.clock = clock;
		this.lease = lease;
	}

	/** A draft run as read before the listing. */
	private record Snapshot(UUID id, String link, long version, String visibility) {
	}

	/** Runs it to its end and writes the report; returns the status. */
	String run(long startedNanos) {
		String status = "finished";
		String error = null;
		Set<String> listed = new HashSet<>();
		boolean complete = false;
		Map<String, List<Snapshot>> runs = Map.of();
		this.tally.partial = this.api.partial();
		try {
			runs = snapshot();
			Map<String, List<Snapshot>> byKey = runs;
			long deadline = startedNanos + this.target.deadline().toNanos();
			int[] page = { 1 };
			this.api.list(deadline, () -> renew(page[0]), (number, courses) -> {
				page[0] = number + 1;
				for (CourseApi.Course course : courses) {
					this.tally.coursesSeen++;
					listed.add(course.id());
					List<Snapshot> matching = byKey.get(course.id());
					if (matching == null) {
						this.tally.notInCatalog.add(course.id());
						continue;
					}
					for (Snapshot run : matching) {
						repair(run, course);
					}
				}
				this.tally.partial = this.api.partial();
				this.store.progress(this.id, this.tally);
			});
			complete = true;
		}
		catch (CourseApi.ListingFailed ex) {
			status = "failed";
			error = ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			status = "failed";
			error = "stopped: the instance shut down";
		}
		catch (LeaseLost ex) {
			status = "failed";
			error = ex.getMessage();
		}
		catch (RuntimeException ex) {
			logger.warn("Reconciliation of {} failed: {}", this.target.baseUrl(), ex.getClass().getSimpleName());
			status = "failed";
			error = "failed: " + ex.getClass().getSimpleName();
		}
		this.tally.partial = this.api.partial();
		// A partial listing (anonymous calls, a user that is not global staff) would list
		// runs the API only hides.
		if (complete && !this.tally.partial) {
			for (Map.Entry<String, List<Snapshot>> entry : runs.entrySet()) {
				if (!listed.contains(entry.getKey())) {
					entry.getValue().forEach((run) -> this.tally.missingInLms.add(run.link()));
				}
			}
		}
		this.store.finish(this.target.baseUrl(), this.id, this.tally, status, error, this.clock.instant());
		return status;
	}

	/**
	 * Rests as long as the last repair took: a reconciliation is background work and
	 * takes at most half of a core (and half the commits it could make), spread evenly
	 * between the webhooks rather than in bursts of a page. Open edX's own throttle (20
	 * to 40 pages a minute) paces it more than this; a fast LMS alone would let it take a
	 * whole core.
	 */
	private static void pause(long workNanos) throws InterruptedException {
		long nanos = Math.min(workNanos, PAUSE_LIMIT.toNanos());
		Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
	}

	int repaired() {
		return this.tally.updated;
	}

	private void renew(int page) {
		if (!this.store.renew(this.target.baseUrl(), this.id, this.clock.instant().plus(this.lease))) {
			throw new LeaseLost("page " + page + ": the lease was lost (another instance took it over)");
		}
	}

	/** The draft runs of the backend by course key, with the version each had. */
	private Map<String, List<Snapshot>> snapshot() {
		Map<String, List<Snapshot>> byKey = new HashMap<>();
		LmsBackend lms = this.target.lms();
		List<Snapshot> runs = this.jdbc
			.sql("SELECT id, resource_link, version, catalog_visibility FROM course_run"
					+ " WHERE lms_backend = ? AND resource_link IS NOT NULL")
			.param(lms.baseUrl())
			.query((rs, row) -> new Snapshot(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
					rs.getString(4)))
			.list();
		for (Snapshot run : runs) {
			courseKey(lms, run.link())
				.ifPresent((key) -> byKey.computeIfAbsent(key, (k) -> new ArrayList<>(1)).add(run));
		}
		return byKey;
	}

	private static Optional<String> courseKey(LmsBackend lms, String link) {
		return lms.regex().match(link).flatMap((Matcher matcher) -> lms.regex().group(matcher, "course_id"));
	}

	/** Repairs one run, makes the repair durable and rests as long as it took. */
	private void repair(Snapshot run, CourseApi.Course course) throws InterruptedException {
		long work = System.nanoTime();
		tryRepair(run, course);
		this.durable.awaitOwnCommits();
		pause(System.nanoTime() - work);
	}

	private void tryRepair(Snapshot run, CourseApi.Course course) {
		ObjectNode data = this.json.createObjectNode();
		// A field the API does not send is left alone (null is a value: "no date").
		putIfSent(data, "start", course.start());
		putIfSent(data, "end", course.end());
		putIfSent(data, "enrollment_start", course.enrollmentStart());
		putIfSent(data, "enrollment_end", course.enrollmentEnd());
		if (Boolean.FALSE.equals(course.hidden())) {
			data.put("catalog_visibility", "course_and_search");
		}
		else if (Boolean.TRUE.equals(course.hidden()) && "course_and_search".equals(run.visibility())) {
			data.put("catalog_visibility", "course_only");
		}
		this.gate.beforeWrite(run.link());
		Optional<SyncOutcome> outcome;
		try {
			outcome = this.sync.reconcile(run.id(), run.version(), data, this.target.lms());
		}
		catch (RuntimeException ex) {
			// A run held by a webhook beyond the lock timeout: that webhook is the newer
			// write.
			if (DatabaseFailures.isLockTimeout(ex) || DatabaseFailures.isLostRace(ex)) {
				this.tally.skippedNewer++;
				return;
			}
			throw ex;
		}
		if (outcome.isEmpty()) {
			this.tally.skippedNewer++;
			return;
		}
		switch (outcome.get()) {
			case UPDATED -> this.tally.updated++;
			case REJECTED -> this.tally.rejected++;
			default -> this.tally.unchanged++;
		}
	}

	private static void putIfSent(ObjectNode data, String name, JsonNode value) {
		if (value != null) {
			data.set(name, value);
		}
	}

	/** The lease expired and another instance took it. */
	static final class LeaseLost extends RuntimeException {

		LeaseLost(String message) {
			super(message, null, false, false);
		}

	}

}
