package org.coursesync.reconciliation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.coursesync.system.PageView;

import org.springframework.stereotype.Service;

/**
 * Reconciliations for the other packages (the console): the reports, the backends that
 * can be reconciled, and a start by an admin with the admin API's rules.
 */
@Service
public class ReconciliationReports {

	private final Reconciliations reconciliations;

	private final ReconciliationTargets targets;

	private final ReconciliationStore store;

	ReconciliationReports(Reconciliations reconciliations, ReconciliationTargets targets, ReconciliationStore store) {
		this.reconciliations = reconciliations;
		this.targets = targets;
		this.store = store;
	}

	/**
	 * The reports, newest first, read on the {@code reconciliation_started} index; not
	 * counted (a page reads its rows and one more, which tells whether a next page
	 * exists).
	 */
	public PageView<ReportView> page(int page, int size) {
		return PageView.uncounted(this.store.slice((long) page * size, size + 1), page, size);
	}

	public Optional<ReportView> find(UUID id) {
		return this.store.find(id);
	}

	/** The base URLs of the openedx backends, in configuration order. */
	public List<String> backends() {
		return this.targets.all().stream().map(Target::baseUrl).toList();
	}

	/**
	 * Starts a reconciliation of {@code baseUrl} now, as {@code POST
	 * /api/admin/reconciliations} does.
	 */
	public Started start(String baseUrl) {
		Reconciliations.Start start = this.reconciliations.startByAdmin(baseUrl);
		if (start.refusal() == Reconciliations.Refusal.NOT_OPENEDX) {
			return new Started.Refused(this.targets.isBackend(baseUrl)
					? "LMS backend '" + baseUrl + "' is not an openedx backend: only those can be reconciled."
					: "No LMS backend has this base URL.");
		}
		if (start.refusal() == Reconciliations.Refusal.RUNNING) {
			return new Started.Running(start.running());
		}
		return new Started.Report(start.id());
	}

	/** What a start did. */
	public sealed interface Started {

		/** Started: its report. */
		record Report(UUID id) implements Started {
		}

		/** Not started: one is running for this backend (its report, if known). */
		record Running(UUID id) implements Started {
		}

		/** Not started: the backend cannot be reconciled. */
		record Refused(String reason) implements Started {
		}

	}

}
