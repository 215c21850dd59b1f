package org.coursesync.sync;

import java.time.Duration;
import java.util.Map;

import jakarta.persistence.PersistenceException;
import org.coursesync.system.DatabaseFailures;
import org.coursesync.system.RequestOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the sync endpoint keep DRF's {@code {"detail": ...}} shape: an unreachable
 * database is a 503 with {@code Retry-After} (Open edX does not retry by itself, but the
 * operator's resync can), anything unexpected a 500 without details.
 */
@RestControllerAdvice(assignableTypes = SyncController.class)
@Order(RequestOrder.SYNC_ERROR_ADVICE)
class SyncErrorAdvice {

	private static final Logger logger = LoggerFactory.getLogger(SyncErrorAdvice.class);

	/** One line a minute while the database stays unavailable, not one per request. */
	private final ThrottledWarnings unavailableWarnings = new ThrottledWarnings(Duration.ofMinutes(1));

	private final ThrottledWarnings lockedWarnings = new ThrottledWarnings(Duration.ofMinutes(1));

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<Map<String, String>> databaseUnavailable(Exception ex) {
		this.unavailableWarnings.warn(logger, "Sync refused with 503, database unavailable: {}",
				ex.getClass().getSimpleName());
		return unavailable("The catalog database is unavailable; retry in a few seconds.");
	}

	@ExceptionHandler(RunLocked.class)
	ResponseEntity<Map<String, String>> runLocked(RunLocked ex) {
		this.lockedWarnings.warn(logger, "Sync refused with 503: {}, longer than the lock timeout", ex.getMessage());
		return unavailable("Another session is writing this course run; retry in a few seconds.");
	}

	@ExceptionHandler({ DataAccessException.class, PersistenceException.class })
	ResponseEntity<Map<String, String>> databaseError(RuntimeException ex) {
		if (DatabaseFailures.isUnreachable(ex)) {
			return databaseUnavailable(ex);
		}
		logger.error("Sync failed on a database error: {}", ex.getClass().getSimpleName());
		return unavailable("The catalog database failed to store the update; retry in a few seconds.");
	}

	private static ResponseEntity<Map<String, String>> unavailable(String detail) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("detail", detail));
	}

}
