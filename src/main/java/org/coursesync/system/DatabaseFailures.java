package org.coursesync.system;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.LockAcquisitionException;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one classifier of database failures, for every feature: a lost race (retried), the
 * end of a bounded lock wait (answered 503, not retried), an unreachable database
 * (answered 503 at once), a transient failure (a condition, not a defect).
 * <p>
 * A transaction that lost a race with another one (on this instance or another): a unique
 * violation, a serialization failure, a deadlock, a version that changed since the read.
 * Such a transaction is retried from the start, where it then sees the winner's row. A
 * lock timeout is no lost race: another session holds the row for longer than the bounded
 * wait, and a retry would only multiply the wait.
 */
public final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/** Whether {@code error} (or one of its causes) is a lost race. */
	public static boolean isLostRace(Throwable error) {
		if (isLockTimeout(error)) {
			return false;
		}
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof DataIntegrityViolationException || t instanceof ConcurrencyFailureException
					|| t instanceof PessimisticLockException || t instanceof OptimisticLockException
					|| t instanceof ConstraintViolationException || t instanceof LockAcquisitionException) {
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

	/**
	 * Whether {@code failure} comes from a database that cannot be reached: no pooled
	 * connection within the pool's timeout, a lost connection, a server shutting down.
	 * Each item would wait for the pool again, for the same failure.
	 */
	public static boolean isUnreachable(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof CannotCreateTransactionException || t instanceof CannotGetJdbcConnectionException
					|| t instanceof SQLTransientConnectionException
					|| (t instanceof SQLException sql && isConnectionLost(sql.getSQLState()))) {
				return true;
			}
			if (t.getCause() == t) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether {@code failure} itself (not its causes) is of Spring's families of failures
	 * that may pass when tried again (transient, resource, recoverable): a condition the
	 * service answers for (a held lock, a lost connection, a race lost too often), not a
	 * defect.
	 */
	public static boolean isTransient(Throwable failure) {
		return failure instanceof TransientDataAccessException || failure instanceof DataAccessResourceFailureException
				|| failure instanceof RecoverableDataAccessException;
	}

	/**
	 * SQLSTATE class 08 (connection exception), or PostgreSQL's server shutting down or
	 * not accepting connections yet (57P01 to 57P03).
	 */
	private static boolean isConnectionLost(String state) {
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

	/** Retries of lost races: a few quick attempts with jittered backoff. */
	public static RetryTemplate retryTemplate() {
		return new RetryTemplate(RetryPolicy.builder()
			.predicate(DatabaseFailures::isLostRace)
			.maxRetries(10)
			.delay(Duration.ofMillis(5))
			.multiplier(2)
			.jitter(Duration.ofMillis(5))
			.maxDelay(Duration.ofMillis(200))
			.build());
	}

}
