package org.coursesync.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.coursesync.system.LoginAttempts.Outcome;
import org.coursesync.system.LoginAttempts.Refused;
import org.coursesync.system.LoginAttempts.Reserved;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login slots: never more than the limit checked, failures kept for the window.
 */
class LoginAttemptsTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private static final Duration WINDOW = Duration.ofMinutes(5);

	private final LoginAttempts attempts = new LoginAttempts(10, WINDOW, 100);

	@Test
	void concurrentLoginsNeverTakeMoreSlotsThanTheLimit() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<LoginAttempts.Decision>> decisions = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				decisions.add(pool.submit(() -> {
					start.await();
					return this.attempts.reserve("10.0.0.1", T0);
				}));
			}
			start.countDown();
			int reserved = 0;
			for (Future<LoginAttempts.Decision> decision : decisions) {
				if (decision.get(10, TimeUnit.SECONDS) instanceof Reserved) {
					reserved++;
				}
			}
			assertThat(reserved).isEqualTo(10);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void pendingLoginsRefuseOthersForASecondOnly() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.attempts.reserve("a", T0)).isInstanceOf(Reserved.class);
		}
		assertThat(this.attempts.reserve("a", T0)).isEqualTo(new Refused(false, Duration.ofSeconds(1)));
		// Another address is not affected.
		assertThat(this.attempts.reserve("b", T0)).isInstanceOf(Reserved.class);
		// A slot given back without a failure frees it.
		this.attempts.release("a", Outcome.ACCEPTED, T0);
		assertThat(this.attempts.reserve("a", T0)).isInstanceOf(Reserved.class);
	}

	@Test
	void failuresRefuseUntilTheWindowEnds() {
		fail("a", 10, T0);
		assertThat(this.attempts.reserve("a", T0.plusSeconds(60)))
			.isEqualTo(new Refused(true, WINDOW.minusSeconds(60)));
		assertThat(this.attempts.reserve("a", T0.plus(WINDOW).minusMillis(1))).isInstanceOf(Refused.class);
		assertThat(this.attempts.reserve("a", T0.plus(WINDOW))).isInstanceOf(Reserved.class);
	}

	@Test
	void anAcceptedLoginForgetsEarlierFailures() {
		fail("a", 9, T0);
		assertThat(this.attempts.reserve("a", T0)).isInstanceOf(Reserved.class);
		this.attempts.release("a", Outcome.ACCEPTED, T0);
		fail("a", 9, T0);
		assertThat(this.attempts.reserve("a", T0)).isInstanceOf(Reserved.class);
	}

	@Test
	void anUnknownOutcomeGivesTheSlotBackWithoutForgetting() {
		fail("a", 9, T0);
		assertThat(this.attempts.reserve("a", T0)).isInstanceOf(Reserved.class);
		this.attempts.release("a", Outcome.UNKNOWN, T0);
		fail("a", 1, T0);
		assertThat(this.attempts.reserve("a", T0)).isInstanceOf(Refused.class);
	}

	@Test
	void staysBoundedAndKeepsCountingAcrossAnEviction() {
		LoginAttempts small = new LoginAttempts(10, WINDOW, 2);
		assertThat(small.reserve("a", T0)).isInstanceOf(Reserved.class);
		small.release("a", Outcome.FAILED, T0);
		assertThat(small.reserve("b", T0)).isInstanceOf(Reserved.class);
		// "c" evicts everything while "b" is being checked; b's failure still counts.
		assertThat(small.reserve("c", T0)).isInstanceOf(Reserved.class);
		small.release("b", Outcome.FAILED, T0);
		for (int i = 0; i < 9; i++) {
			assertThat(small.reserve("b", T0)).isInstanceOf(Reserved.class);
			small.release("b", Outcome.FAILED, T0);
		}
		assertThat(small.reserve("b", T0)).isInstanceOf(Refused.class);
	}

	private void fail(String client, int times, Instant now) {
		for (int i = 0; i < times; i++) {
			assertThat(this.attempts.reserve(client, now)).isInstanceOf(Reserved.class);
			this.attempts.release(client, Outcome.FAILED, now);
		}
	}

}
