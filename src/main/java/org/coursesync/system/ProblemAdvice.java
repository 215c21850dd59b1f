package org.coursesync.system;

import jakarta.persistence.PersistenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problems for the admin API: every 4xx has a {@code detail} saying what to fix,
 * an unreachable database is a 503 with {@code Retry-After}, and nothing leaks a stack
 * trace.
 */
@RestControllerAdvice(annotations = AdminApi.class)
@Order(RequestOrder.PROBLEM_ADVICE)
class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	@ExceptionHandler(ApiProblem.class)
	ResponseEntity<ProblemDetail> apiProblem(ApiProblem ex) {
		return ResponseEntity.status(ex.status()).body(problem(ex));
	}

	private static ProblemDetail problem(ApiProblem ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		return problem;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return ResponseEntity.badRequest()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"Invalid value for '" + ex.getName() + "': " + describe(ex.getRequiredType()) + " expected."));
	}

	// Every database failure of an admin request is a 503: DataAccessException covers
	// the unreachable, the transient and the lock-timeout cases alike.
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessException.class, PersistenceException.class })
	ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
		logger.warn("Admin request refused with 503, database failure: {}", ex.getClass().getSimpleName());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The catalog database is unavailable; retry in a few seconds."));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest()
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The body is not valid JSON: send a JSON object encoded as UTF-8."));
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "another value";
		}
		return switch (type.getSimpleName()) {
			case "UUID" -> "a UUID";
			case "Integer", "int", "Long", "long" -> "an integer";
			case "Boolean", "boolean" -> "true or false";
			default -> "a valid value";
		};
	}

}
