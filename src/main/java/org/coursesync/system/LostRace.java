package org.coursesync.system;

import java.sql.SQLException;
import java.time.Duration;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Recognizes a transaction that lost a race with another one (on this instance or
 * another): a unique violation, a serialization failure, a deadlock, a version that
 * changed since the read. Such a transaction is retried from the start, where it then
 * sees the winner's row. A lock timeout is no lost race: another session holds the row
 * for longer than the bounded wait, and a retry would only multiply the wait.
 */
public final class LostRace {

	private LostRace() {
	}

	/** Whether {@code error} (or one of its causes) is a lost race. */
	public static boolean isLostRace(Throwable error) {
		if (isLockTimeout(error)) {
			return false;
		}
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof DataIntegrityViolationException || t instanceof ConcurrencyFailureException
					|| t instanceof jakarta.persistence.PessimisticLockException
					|| t instanceof jakarta.persistence.OptimisticLockException
					|| t instanceof org.hibernate.exception.ConstraintViolationException
					|| t instanceof org.hibernate.exception.LockAcquisitionException) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				// 23505 unique violation, 40001 serialization failure, 40P01 deadlock
				if (state.equals("23505") || state.equals("40001") || state.equals("40P01")) {
					return true;
				}
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether {@code error} (or one of its causes) is the end of a bounded wait for a
	 * lock held by another session: PostgreSQL's {@code lock_timeout} (SQLSTATE 55P03) or
	 * H2's {@code LOCK_TIMEOUT} (error 50200).
	 */
	public static boolean isLockTimeout(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || sql.getErrorCode() == 50200)) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/** Retries of lost races: a few quick attempts with jittered backoff. */
	public static RetryTemplate retryTemplate() {
		return new RetryTemplate(RetryPolicy.builder()
			.predicate(LostRace::isLostRace)
			.maxRetries(10)
			.delay(Duration.ofMillis(5))
			.multiplier(2)
			.jitter(Duration.ofMillis(5))
			.maxDelay(Duration.ofMillis(200))
			.build());
	}

}
