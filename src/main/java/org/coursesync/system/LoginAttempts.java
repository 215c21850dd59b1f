package org.coursesync.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin login attempts per client within a fixed window, counted atomically: a login
 * takes a slot before its credentials are checked and gives it back, as a failure or not,
 * once they have been; a client whose failures and pending logins fill the limit is
 * refused without a check. In memory, per instance, bounded.
 */
final class LoginAttempts {

	private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

	private final int limit;

	private final Duration window;

	private final int maxTracked;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	LoginAttempts(int limit, Duration window, int maxTracked) {
		this.limit = limit;
		this.window = window;
		this.maxTracked = maxTracked;
	}

	/** Whether a login from {@code client} may be checked now, or why not. */
	sealed interface Decision {

	}

	/** A slot is taken: {@link #release} it once the credentials have been checked. */
	record Reserved() implements Decision {

	}

	/**
	 * No slot: {@code failed} when the failures alone fill the limit (until the window
	 * ends), otherwise logins still being checked hold the remaining slots.
	 */
	record Refused(boolean failed, Duration retryAfter) implements Decision {

	}

	/** How a checked login ended. */
	enum Outcome {

		/** Wrong or malformed credentials. */
		FAILED,

		/** The credentials were accepted: earlier failures are forgotten. */
		ACCEPTED,

		/** Unknown (the request failed): only the slot is given back. */
		UNKNOWN

	}

	private record Entry(int failures, int pending, Instant windowStart) {

		boolean isEmpty() {
			return this.failures == 0 && this.pending == 0;
		}

	}

	Decision reserve(String client, Instant now) {
		if (this.entries.size() >= this.maxTracked && !this.entries.containsKey(client)) {
			evict(now);
		}
		Decision[] decision = new Decision[1];
		this.entries.compute(client, (key, entry) -> {
			Entry current = (entry == null) ? new Entry(0, 0, now) : entry;
			if (!now.isBefore(current.windowStart().plus(this.window))) {
				current = new Entry(0, current.pending(), now);
			}
			if (current.failures() + current.pending() >= this.limit) {
				decision[0] = refusal(current, now);
				return current.isEmpty() ? null : current;
			}
			decision[0] = new Reserved();
			return new Entry(current.failures(), current.pending() + 1, current.windowStart());
		});
		return decision[0];
	}

	void release(String client, Outcome outcome, Instant now) {
		this.entries.compute(client, (key, entry) -> {
			if (entry == null) {
				// Dropped by the bound while the login was checked.
				return (outcome == Outcome.FAILED) ? new Entry(1, 0, now) : null;
			}
			int pending = Math.max(0, entry.pending() - 1);
			int failures = switch (outcome) {
				case FAILED -> entry.failures() + 1;
				case ACCEPTED -> 0;
				case UNKNOWN -> entry.failures();
			};
			Entry next = new Entry(failures, pending, entry.windowStart());
			return next.isEmpty() ? null : next;
		});
	}

	private Refused refusal(Entry entry, Instant now) {
		if (entry.failures() < this.limit) {
			return new Refused(false, BUSY_RETRY);
		}
		Duration left = Duration.between(now, entry.windowStart().plus(this.window));
		return new Refused(true, (left.compareTo(BUSY_RETRY) < 0) ? BUSY_RETRY : left);
	}

	/**
	 * Keeps memory bounded when many clients fail: expired windows go first, then
	 * everything (a client then starts a new window).
	 */
	private void evict(Instant now) {
		this.entries.values()
			.removeIf((entry) -> entry.pending() == 0 && !now.isBefore(entry.windowStart().plus(this.window)));
		if (this.entries.size() >= this.maxTracked) {
			this.entries.clear();
		}
	}

}
