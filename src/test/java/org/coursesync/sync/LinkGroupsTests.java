package org.coursesync.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.coursesync.support.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The grouping of same-link items: a lone item runs at once, items queued behind a
 * running one run as one group, each thread gets its own result or the group's failure,
 * and nothing is left behind.
 */
class LinkGroupsTests {

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();

	/** Lets the work of the item that {@link #runBlocked} started go on. */
	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	/** Records each group and answers each item with its double. */
	private List<Integer> doubled(List<Integer> items) {
		this.groups.add(List.copyOf(items));
		return items.stream().map((item) -> item * 2).toList();
	}

	@Test
	void runsALoneItemAtOnceInItsOwnThread() {
		LinkGroups<Integer, Integer> linkGroups = new LinkGroups<>(10);
		Thread caller = Thread.currentThread();
		Integer result = linkGroups.run("a", 21, (items) -> {
			assertThat(Thread.currentThread()).isSameAs(caller);
			return doubled(items);
		});
		assertThat(result).isEqualTo(42);
		assertThat(this.groups).containsExactly(List.of(21));
		assertThat(linkGroups.waiting("a")).isZero();
	}

	@Test
	void runsTheItemsQueuedBehindARunningOneAsOneGroup() throws Exception {
		LinkGroups<Integer, Integer> linkGroups = new LinkGroups<>(10);
		Future<Integer> first = runBlocked(linkGroups);
		List<Future<Integer>> queued = queue(linkGroups, 2, 6, this::doubled);
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
		for (int i = 0; i < queued.size(); i++) {
			assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(2 * (i + 2));
		}
		assertThat(this.groups).containsExactly(List.of(1), List.of(2, 3, 4, 5, 6));
		assertThat(linkGroups.waiting("a")).isZero();
		assertThat(linkGroups.busyLinks()).isZero();
	}

	@Test
	void capsTheSizeOfAGroup() throws Exception {
		LinkGroups<Integer, Integer> linkGroups = new LinkGroups<>(2);
		Future<Integer> first = runBlocked(linkGroups);
		List<Future<Integer>> queued = queue(linkGroups, 2, 6, this::doubled);
		this.release.countDown();
		first.get(10, TimeUnit.SECONDS);
		for (Future<Integer> future : queued) {
			future.get(10, TimeUnit.SECONDS);
		}
		assertThat(this.groups).containsExactly(List.of(1), List.of(2, 3), List.of(4, 5), List.of(6));
	}

	@Test
	void givesEveryItemOfAFailedGroupTheFailureAndGoesOn() throws Exception {
		LinkGroups<Integer, Integer> linkGroups = new LinkGroups<>(10);
		Future<Integer> first = runBlocked(linkGroups);
		List<Future<Integer>> failing = queue(linkGroups, 2, 4, (items) -> {
			throw new IllegalStateException("group of " + items);
		});
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
		for (Future<Integer> future : failing) {
			assertThat(failure(future)).isInstanceOf(IllegalStateException.class).hasMessage("group of [2, 3, 4]");
		}
		// The lane is free again: the next item runs at once.
		assertThat(linkGroups.run("a", 5, this::doubled)).isEqualTo(10);
		assertThat(linkGroups.waiting("a")).isZero();
	}

	@Test
	void neverMakesAnotherLinkWait() throws Exception {
		LinkGroups<Integer, Integer> linkGroups = new LinkGroups<>(10);
		Future<Integer> blocked = runBlocked(linkGroups);
		assertThat(linkGroups.run("b", 7, this::doubled)).isEqualTo(14);
		assertThat(blocked.isDone()).isFalse();
		this.release.countDown();
		assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(2);
	}

	@Test
	void answersEveryItemOfManyConcurrentThreadsExactlyOnce() throws Exception {
		LinkGroups<Integer, Integer> linkGroups = new LinkGroups<>(8);
		List<Future<Integer>> futures = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		for (int i = 0; i < 400; i++) {
			int item = i;
			futures.add(this.threads.submit(() -> {
				start.await();
				return linkGroups.run("link-" + (item % 3), item, this::doubled);
			}));
		}
		start.countDown();
		for (int i = 0; i < futures.size(); i++) {
			assertThat(futures.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(2 * i);
		}
		List<Integer> ran = this.groups.stream().flatMap(List::stream).sorted().toList();
		assertThat(ran).hasSize(400).doesNotHaveDuplicates();
		assertThat(this.groups).allSatisfy((group) -> assertThat(group).hasSizeBetween(1, 8));
		for (int link = 0; link < 3; link++) {
			assertThat(linkGroups.waiting("link-" + link)).isZero();
		}
		assertThat(linkGroups.busyLinks()).isZero();
	}

	@Test
	void passesAnErrorOnAsAFailureOfTheGroup() throws Exception {
		LinkGroups<Integer, Integer> linkGroups = new LinkGroups<>(10);
		Future<Integer> first = runBlocked(linkGroups);
		List<Future<Integer>> queued = queue(linkGroups, 2, 3, (items) -> {
			throw new StackOverflowError();
		});
		this.release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(2);
		assertThat(failure(queued.get(0))).isInstanceOf(StackOverflowError.class);
		assertThat(failure(queued.get(1))).isInstanceOf(IllegalStateException.class)
			.hasMessage("The group of this item failed")
			.hasCauseInstanceOf(StackOverflowError.class);
		assertThat(linkGroups.run("a", 4, this::doubled)).isEqualTo(8);
	}

	private static Throwable failure(Future<Integer> future) throws InterruptedException, TimeoutException {
		try {
			future.get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		throw new AssertionError("the group's failure was not passed on");
	}

	/**
	 * Runs items {@code from} to {@code to} of link "a" (behind item 1, blocked) with
	 * {@code work}, each in its own thread and queued before the next one starts.
	 */
	private List<Future<Integer>> queue(LinkGroups<Integer, Integer> linkGroups, int from, int to,
			LinkGroups.GroupWork<Integer, Integer> work) throws InterruptedException {
		List<Future<Integer>> queued = new ArrayList<>();
		for (int i = from; i <= to; i++) {
			int item = i;
			queued.add(this.threads.submit(() -> linkGroups.run("a", item, work)));
			Poll.until("item " + item + " to queue", Duration.ofSeconds(10), () -> linkGroups.waiting("a") == item - 1);
		}
		return queued;
	}

	/**
	 * Runs item 1 of link "a" in another thread, its work blocked until {@link #release};
	 * returns once the work runs.
	 */
	private Future<Integer> runBlocked(LinkGroups<Integer, Integer> linkGroups) throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		Future<Integer> future = this.threads.submit(() -> linkGroups.run("a", 1, (items) -> {
			running.countDown();
			await(this.release);
			return doubled(items);
		}));
		await(running);
		return future;
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
