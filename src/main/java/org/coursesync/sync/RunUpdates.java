package org.coursesync.sync;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a group of updates of one link's run: reads the run, lets the sync rules plan
 * the group ({@link SyncRules#plan}), and writes the plan, all or nothing. One
 * implementation is chosen once at start-up ({@link CourseRunSync}): JPA on any database,
 * one statement on PostgreSQL; the rules, the grouping and the tests are the same.
 */
interface RunUpdates {

	/**
	 * Reads the run of {@code link}, plans the group with {@code planner} (empty when the
	 * link has no run), writes the plan and returns its outcomes; the planner may be
	 * called again, on a fresh read, when the run changed in between.
	 */
	List<UpdateOutcome> update(String link, Function<Optional<StoredRun>, GroupPlan> planner);

}
