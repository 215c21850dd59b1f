package org.coursesync.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of refused sync requests: one line per reason and sender address per interval,
 * saying how many more came since the previous line, so that a sender with a wrong secret
 * shows in the log without one line per request. Memory is bounded (at most
 * {@value #MAX_SENDERS} reason-address pairs, forgotten after two quiet intervals), and
 * so is the log: at most {@value #MAX_LINES} lines per interval in all, whatever the
 * number of addresses. A line names the reason, the status and the address, never a
 * header value, a signature or a byte of the body.
 */
final class RejectionLog {

	static final int MAX_SENDERS = 10_000;

	static final int MAX_LINES = 100;

	private static final Logger logger = LoggerFactory.getLogger(SyncRejections.class);

	private final Clock clock;

	private final Duration interval;

	private final Cache<Sender, Window> windows;

	private final Object budgetLock = new Object();

	private Instant budgetStart = Instant.MIN;

	private int linesLeft;

	private final AtomicLong unlogged = new AtomicLong();

	RejectionLog(Clock clock, Duration interval) {
		this.clock = clock;
		this.interval = interval;
		this.windows = Caffeine.newBuilder()
			.maximumSize(MAX_SENDERS)
			.expireAfterAccess(interval.multipliedBy(2))
			.build();
	}

	private record Sender(RejectionReason reason, String address) {

	}

	/** When the next line for a sender may be written, and what was left out since. */
	private record Window(Instant nextLineAt, long leftOut) {

	}

	void refused(RejectionReason reason, int status, String address) {
		Instant now = this.clock.instant();
		long[] leftOut = { -1 };
		this.windows.asMap().compute(new Sender(reason, address), (sender, window) -> {
			if (window == null || !now.isBefore(window.nextLineAt())) {
				leftOut[0] = (window != null) ? window.leftOut() : 0;
				return new Window(now.plus(this.interval), 0);
			}
			return new Window(window.nextLineAt(), window.leftOut() + 1);
		});
		if (leftOut[0] < 0) {
			return;
		}
		if (!takeLine(now)) {
			this.unlogged.incrementAndGet();
			return;
		}
		String more = (leftOut[0] > 0) ? "; " + leftOut[0] + " more from this address since its last line" : "";
		long others = this.unlogged.getAndSet(0);
		String dropped = (others > 0) ? "; " + others + " lines about other senders left out (too many)" : "";
		logger.warn("Sync request refused: {} ({}) from {}: {}{}{}", reason.wireName(), status, address, hint(reason),
				more, dropped);
	}

	private boolean takeLine(Instant now) {
		synchronized (this.budgetLock) {
			if (!now.isBefore(this.budgetStart.plus(this.interval))) {
				this.budgetStart = now;
				this.linesLeft = MAX_LINES;
			}
			if (this.linesLeft == 0) {
				return false;
			}
			this.linesLeft--;
			return true;
		}
	}

	/** What an operator checks first (README, "When Open edX gets 401 or 403"). */
	private static String hint(RejectionReason reason) {
		return switch (reason) {
			case MISSING_SIGNATURE -> "no Authorization header";
			case MALFORMED_SIGNATURE -> "Authorization is not 'SIG-HMAC-SHA256 <64 lowercase hex digits>'";
			case NO_SECRETS -> "coursesync.secrets is empty";
			case WRONG_SIGNATURE -> "the signature matches none of coursesync.secrets (a wrong or old secret)";
			case STALE_TIMESTAMP ->
				"X-Coursesync-Timestamp outside coursesync.replay-tolerance (a replay, or a wrong clock)";
			case MISSING_TIMESTAMP -> "no X-Coursesync-Timestamp while coursesync.require-timestamp is on";
			case MALFORMED_TIMESTAMP -> "X-Coursesync-Timestamp is not unix seconds";
			case TOO_LARGE -> "body over coursesync.max-body-size";
			case BUSY -> "the memory for request bodies stayed full";
			default -> "see the status";
		};
	}

}
