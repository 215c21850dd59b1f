package org.coursesync.sync;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.coursesync.course.CourseRun;
import org.coursesync.course.CourseRuns;
import org.coursesync.synclog.SyncHistory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@link RunUpdates} of every database but PostgreSQL (H2): a group of updates of one
 * run in one JPA transaction, from a read that locks the run to the commit, which writes
 * the run's and its copy's changed columns and the group's history rows. The run's
 * version advances by one per item that changed it, as on PostgreSQL.
 */
@Component
class JpaRunUpdates implements RunUpdates {

	private final CourseRuns store;

	private final SyncHistory history;

	private final CourseCodeCache courseCodes;

	JpaRunUpdates(CourseRuns store, SyncHistory history, CourseCodeCache courseCodes) {
		this.store = store;
		this.history = history;
		this.courseCodes = courseCodes;
	}

	@Override
	@Transactional
	public List<UpdateOutcome> update(String link, Function<Optional<StoredRun>, GroupPlan> planner) {
		Optional<StoredRun> found = this.store.runForUpdate(link).map(this::stored);
		GroupPlan plan = planner.apply(found);
		plan.write().ifPresent(this::write);
		return plan.outcomes();
	}

	private StoredRun stored(CourseRun run) {
		return new StoredRun(run, this.store.publicCopy(run.getId()).orElse(null),
				this.courseCodes.of(run.getCourseId()));
	}

	/** The run and its copy are managed: their changes are written by the flush. */
	private void write(GroupWrite write) {
		write.records().forEach(this.history::record);
		if (write.courseDirty()) {
			this.store.markUnpublishedChanges(write.run().getCourseId(), write.now());
		}
		if (write.runWrites() > 1) {
			// The flush counts one write in the version; the group's others follow.
			this.store.flush();
			this.store.advanceVersion(write.run().getId(), write.runWrites() - 1);
		}
	}

}
