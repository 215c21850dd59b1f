package org.coursesync.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the concurrent items of one resource link in groups, in this instance: the first
 * item of a link runs alone at once; the items that arrive while it runs queue up, and
 * when it ends the oldest of them runs the whole queue (up to a maximum) as one group. A
 * burst on one link (every enrollment in a popular course re-sends its run) thus costs
 * one database write per group instead of one per item, while a lone item never waits.
 * <p>
 * An optimization only, never a guarantee: another instance has its own groups, and the
 * database (the row lock of the run, the guard of the write) orders them all. The thread
 * of each item gets its own result or failure; no thread runs more than one group.
 *
 * @param <T> an item
 * @param <R> the result of an item
 */
final class LinkGroups<T, R> {

	/** The work on a group: one result per item, in the items' order. */
	@FunctionalInterface
	interface GroupWork<T, R> {

		List<R> apply(List<T> items);

	}

	private final Map<String, Lane<T, R>> lanes = new ConcurrentHashMap<>();

	private final int maxGroup;

	LinkGroups(int maxGroup) {
		this.maxGroup = maxGroup;
	}

	/**
	 * Runs {@code item} of {@code link} with {@code work}, alone or in a group with the
	 * items of {@code link} queued meanwhile; returns its result or throws the group's
	 * failure.
	 */
	R run(String link, T item, GroupWork<T, R> work) {
		Entry<T, R> self = new Entry<>(item);
		Lane<T, R> lane = enter(link, self);
		if (!self.leads() && !self.awaitTurn()) {
			return self.result();
		}
		List<Entry<T, R>> group = lane.take(self, this.maxGroup);
		try {
			List<R> results = work.apply(items(group));
			for (int i = 1; i < group.size(); i++) {
				group.get(i).complete(results.get(i));
			}
			return results.get(0);
		}
		catch (RuntimeException ex) {
			failOthers(group, ex);
			throw ex;
		}
		catch (Error ex) {
			failOthers(group, new IllegalStateException("The group of this item failed", ex));
			throw ex;
		}
		finally {
			handOver(link, lane);
		}
	}

	/**
	 * How many items of {@code link} wait for their group (for tests and diagnostics).
	 */
	int waiting(String link) {
		Lane<T, R> lane = this.lanes.get(link);
		if (lane == null) {
			return 0;
		}
		synchronized (lane) {
			return lane.queue.size();
		}
	}

	/**
	 * How many links have a group running (for tests: none once every item is answered).
	 */
	int busyLinks() {
		return this.lanes.size();
	}

	private Lane<T, R> enter(String link, Entry<T, R> self) {
		while (true) {
			Lane<T, R> lane = this.lanes.computeIfAbsent(link, (key) -> new Lane<>());
			synchronized (lane) {
				if (lane.closed) {
					// Emptied and removed after we found it: take the new one.
					continue;
				}
				if (lane.busy) {
					lane.queue.add(self);
				}
				else {
					lane.busy = true;
					self.promote();
				}
				return lane;
			}
		}
	}

	/** Gives the lane to the oldest waiting item, or closes it when none waits. */
	private void handOver(String link, Lane<T, R> lane) {
		synchronized (lane) {
			Entry<T, R> next = lane.queue.poll();
			if (next != null) {
				next.promote();
				return;
			}
			lane.busy = false;
			lane.closed = true;
			this.lanes.remove(link, lane);
		}
	}

	private static <T, R> void failOthers(List<Entry<T, R>> group, RuntimeException failure) {
		for (int i = 1; i < group.size(); i++) {
			group.get(i).fail(failure);
		}
	}

	private static <T, R> List<T> items(List<Entry<T, R>> group) {
		List<T> items = new ArrayList<>(group.size());
		for (Entry<T, R> entry : group) {
			items.add(entry.item);
		}
		return items;
	}

	/** The items of one link: whether a group runs, and the queue of the next one. */
	private static final class Lane<T, R> {

		private final ArrayDeque<Entry<T, R>> queue = new ArrayDeque<>();

		private boolean busy;

		private boolean closed;

		/** {@code leader} first, then the oldest waiting items. */
		synchronized List<Entry<T, R>> take(Entry<T, R> leader, int max) {
			List<Entry<T, R>> group = new ArrayList<>(Math.min(max, this.queue.size() + 1));
			group.add(leader);
			while (group.size() < max && !this.queue.isEmpty()) {
				group.add(this.queue.poll());
			}
			return group;
		}

	}

	/** An item and the hand-off between its thread and the thread that runs its group. */
	private static final class Entry<T, R> {

		private final T item;

		private boolean leads;

		private boolean done;

		private R result;

		private RuntimeException failure;

		Entry(T item) {
			this.item = item;
		}

		synchronized boolean leads() {
			return this.leads;
		}

		synchronized void promote() {
			this.leads = true;
			notifyAll();
		}

		synchronized void complete(R result) {
			this.result = result;
			this.done = true;
			notifyAll();
		}

		synchronized void fail(RuntimeException failure) {
			this.failure = failure;
			this.done = true;
			notifyAll();
		}

		/**
		 * Waits until another thread ran this item or gave it the lane; {@code true} when
		 * it must now run its group.
		 */
		synchronized boolean awaitTurn() {
			boolean interrupted = false;
			while (!this.leads && !this.done) {
				try {
					wait();
				}
				catch (InterruptedException ex) {
					// The item is in a queue: it must be answered; keep the interrupt.
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			return this.leads;
		}

		synchronized R result() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.result;
		}

	}

}
