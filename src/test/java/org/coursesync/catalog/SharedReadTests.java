package org.coursesync.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.coursesync.support.Poll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A shared read: callers that arrive during a read share the next one, never the one that
 * started before them.
 */
class SharedReadTests {

	@Test
	void callersArrivingDuringAReadShareTheNextOne() throws Exception {
		AtomicInteger reads = new AtomicInteger();
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		SharedRead shared = new SharedRead(() -> {
			int read = reads.incrementAndGet();
			if (read == 1) {
				firstStarted.countDown();
				await(releaseFirst);
			}
			return read;
		});
		List<Thread> threads = new CopyOnWriteArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(11, (task) -> {
			Thread thread = new Thread(task);
			threads.add(thread);
			return thread;
		});
		try {
			Future<Long> first = callers.submit(shared::read);
			assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
			List<Future<Long>> later = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				later.add(callers.submit(shared::read));
			}
			// Every later caller waits (the first one's thread is parked on the latch).
			Poll.until("callers waiting", Duration.ofSeconds(10), () -> threads.size() == 11
					&& threads.stream().filter((thread) -> thread.getState() == Thread.State.WAITING).count() == 10);
			releaseFirst.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
			for (Future<Long> caller : later) {
				assertThat(caller.get(10, TimeUnit.SECONDS)).isEqualTo(2);
			}
			assertThat(reads.get()).isEqualTo(2);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aFailedReadFailsItsCallersAndTheNextReadRuns() {
		AtomicInteger reads = new AtomicInteger();
		SharedRead shared = new SharedRead(() -> {
			if (reads.incrementAndGet() == 1) {
				throw new IllegalStateException("database down");
			}
			return 42;
		});
		assertThatIllegalStateException().isThrownBy(shared::read).withMessage("database down");
		assertThat(shared.read()).isEqualTo(42);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
