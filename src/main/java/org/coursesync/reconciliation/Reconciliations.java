package org.coursesync.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.coursesync.sync.CourseRunSync;
import org.coursesync.system.DurableCommits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * Starts reconciliations (by an admin, or when the schedule says one is due) and runs
 * them in the background, one per backend across every instance (the lease in the
 * database). The schedule is checked every {@code coursesync.reconciliation-check}: a
 * backend is due at its last start plus its interval, whichever instance started it.
 */
@Service
class Reconciliations implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(Reconciliations.class);

	/**
	 * How long a lease lasts without a renewal (renewed at each page): longer than any
	 * page may take, with its retries and a {@code Retry-After}.
	 */
	static final Duration LEASE = Duration.ofMinutes(5);

	private final ReconciliationTargets targets;

	private final ReconciliationStore store;

	private final CourseRunSync sync;

	private final JdbcClient jdbc;

	private final RepairGate gate;

	private final DurableCommits durable;

	private final JsonMapper json;

	private final Clock clock;

	private final ReconciliationMetrics metrics;

	private final Duration check;

	private final Duration requestTimeout;

	private final String holder = UUID.randomUUID().toString();

	private final Map<String, CourseApi> apis = new ConcurrentHashMap<>();

	/**
	 * Created at each start: a context that is stopped and started again (Spring's test
	 * context pausing) must not keep a terminated pool.
	 */
	private volatile ExecutorService workers = Executors.newCachedThreadPool(daemons("reconciliation-"));

	private ScheduledExecutorService scheduler;

	private volatile boolean running;

	Reconciliations(ReconciliationTargets targets, ReconciliationStore store, CourseRunSync sync, JdbcClient jdbc,
			RepairGate gate, DurableCommits durable, JsonMapper json, Clock clock, ReconciliationMetrics metrics,
			@Value("${coursesync.reconciliation-check:30s}") Duration check,
			@Value("${coursesync.reconciliation-request-timeout:30s}") Duration requestTimeout) {
		this.targets = targets;
		this.store = store;
		this.sync = sync;
		this.jdbc = jdbc;
		this.gate = gate;
		this.durable = durable;
		this.json = json;
		this.clock = clock;
		this.metrics = metrics;
		this.check = check;
		this.requestTimeout = requestTimeout;
	}

	/** Why a start was refused. */
	enum Refusal {

		NOT_OPENEDX, RUNNING

	}

	/** A started reconciliation, or why none started. */
	record Start(UUID id, Refusal refusal, UUID running) {
	}

	/** Starts one now, by an admin. */
	Start startByAdmin(String baseUrl) {
		Optional<Target> target = this.targets.find(baseUrl);
		if (target.isEmpty()) {
			return new Start(null, Refusal.NOT_OPENEDX, null);
		}
		Optional<UUID> id = start(target.get(), ReconciliationStore.ADMIN, null);
		if (id.isEmpty()) {
			return new Start(null, Refusal.RUNNING, this.store.running(baseUrl).orElse(null));
		}
		return new Start(id.get(), null, null);
	}

	/** Starts the due reconciliations of enabled backends; frees dead leases first. */
	void tick() {
		Instant now = this.clock.instant();
		this.store.sweep(now);
		for (Target target : this.targets.all()) {
			if (target.enabled()) {
				start(target, "schedule", now.minus(target.interval()));
			}
		}
	}

	private Optional<UUID> start(Target target, String trigger, Instant startedBefore) {
		Instant now = this.clock.instant();
		Optional<UUID> id = this.store.start(target.baseUrl(), trigger, !target.authenticated(), this.holder, now,
				now.plus(LEASE), startedBefore);
		id.ifPresent((started) -> this.workers.execute(() -> run(target, started)));
		return id;
	}

	private void run(Target target, UUID id) {
		long started = System.nanoTime();
		CourseApi api = this.apis.computeIfAbsent(target.baseUrl(),
				(key) -> new CourseApi(target, this.requestTimeout, this.json, this.clock));
		Reconciler reconciler = new Reconciler(target, id, api, this.sync, this.store, this.jdbc, this.gate,
				this.durable, this.json, this.clock, LEASE);
		String status;
		try {
			status = reconciler.run(started);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not end the report of a reconciliation of {}: {}", target.baseUrl(),
					ex.getClass().getSimpleName());
			status = "failed";
		}
		this.metrics.ended(target.baseUrl(), status, reconciler.repaired(),
				Duration.ofNanos(System.nanoTime() - started));
	}

	private static CustomizableThreadFactory daemons(String prefix) {
		CustomizableThreadFactory factory = new CustomizableThreadFactory(prefix);
		factory.setDaemon(true);
		return factory;
	}

	@Override
	public void start() {
		if (this.workers.isShutdown()) {
			this.workers = Executors.newCachedThreadPool(daemons("reconciliation-"));
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemons("reconciliation-schedule-"));
		this.scheduler.scheduleWithFixedDelay(this::safeTick, this.check.toMillis(), this.check.toMillis(),
				TimeUnit.MILLISECONDS);
		this.running = true;
	}

	private void safeTick() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			logger.warn("Reconciliation schedule check failed: {}", ex.getClass().getSimpleName());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		// A running reconciliation ends as failed (interrupted); repaired runs stay.
		this.workers.shutdownNow();
		try {
			this.workers.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops before the web server and the database pool.
		return Integer.MAX_VALUE - 10;
	}

}
