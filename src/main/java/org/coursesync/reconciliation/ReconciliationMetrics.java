package org.coursesync.reconciliation;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Reconciliations by backend and outcome, the runs they repaired and how long they took.
 */
@Component
class ReconciliationMetrics {

	private final MeterRegistry registry;

	ReconciliationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void ended(String backend, String outcome, int repaired, Duration took) {
		Counter.builder("coursesync.reconciliations")
			.description("Reconciliations with the LMS, by backend and outcome")
			.tag("lms_backend", backend)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
		Counter.builder("coursesync.reconciliation.runs.repaired")
			.description("Runs repaired by reconciliations")
			.tag("lms_backend", backend)
			.register(this.registry)
			.increment(repaired);
		Timer.builder("coursesync.reconciliation.duration")
			.description("How long a reconciliation took")
			.tag("lms_backend", backend)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(took);
	}

}
