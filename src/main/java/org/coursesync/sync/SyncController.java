package org.coursesync.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.coursesync.course.RunField;
import org.coursesync.richie.RunPayloadValidator;
import org.coursesync.richie.SyncJson;
import org.coursesync.system.DatabaseFailures;
import org.coursesync.webhook.RejectionReason;
import org.coursesync.webhook.SignedBody;
import org.coursesync.webhook.SyncRejections;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Richie's {@code course-runs-sync} endpoint, after the signature filter: content type
 * (415), UTF-8 and JSON (400), then one object or a batch, with Richie's exact status
 * codes and bodies.
 */
@RestController
class SyncController {

	static final Map<String, Object> SUCCESS = Map.of("success", true);

	private static final Map<String, List<String>> LINK_REQUIRED = Map.of("resource_link",
			List.of("This field is required."));

	private final CourseRunSync sync;

	private final SyncJson json;

	private final RunPayloadValidator validator;

	private final SyncRejections rejections;

	SyncController(CourseRunSync sync, SyncJson json, RunPayloadValidator validator, SyncRejections rejections) {
		this.sync = sync;
		this.json = json;
		this.validator = validator;
		this.rejections = rejections;
	}

	/**
	 * The exchange of a signed request, for the refusals counted and logged by reason.
	 */
	private record Exchange(HttpServletRequest request, HttpServletResponse response, int secret) {

	}

	@PostMapping(path = { "/api/1.0/course-runs-sync", "/api/1.0/course-runs-sync/", "/api/v1.0/course-runs-sync",
			"/api/v1.0/course-runs-sync/" }, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Object> sync(HttpServletRequest request, HttpServletResponse response) {
		SignedBody body = SignedBody.of(request);
		int secret = body.secretIndex();
		Exchange exchange = new Exchange(request, response, secret);
		if (body.bytes().length == 0) {
			// DRF parses an empty body as {} whatever the content type.
			return reject(exchange, HttpStatus.BAD_REQUEST, LINK_REQUIRED, RejectionReason.MISSING_RESOURCE_LINK);
		}
		String contentType = request.getContentType();
		if (!isJson(contentType)) {
			return reject(
					exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, Map.of("detail", "Unsupported media type \""
							+ ((contentType != null) ? contentType : "") + "\" in request."),
					RejectionReason.UNSUPPORTED_MEDIA_TYPE);
		}
		JsonNode root;
		try {
			root = this.json.parse(body.bytes());
		}
		catch (SyncJson.ParseError ex) {
			return reject(exchange, HttpStatus.BAD_REQUEST, Map.of("detail", "JSON parse error - " + ex.getMessage()),
					RejectionReason.BAD_JSON);
		}
		if (root instanceof ObjectNode object) {
			return single(object, exchange);
		}
		if (root instanceof ArrayNode array) {
			return batch(array, exchange);
		}
		return reject(exchange, HttpStatus.BAD_REQUEST,
				Map.of("non_field_errors",
						List.of("Invalid data. Expected a dictionary, but got " + SyncJson.pythonType(root) + ".")),
				RejectionReason.NOT_AN_OBJECT);
	}

	private ResponseEntity<Object> single(ObjectNode item, Exchange exchange) {
		int secret = exchange.secret();
		JsonNode link = item.get("resource_link");
		if (SyncJson.isFalsy(link) || (link.isString() && link.asString().isBlank())) {
			return reject(exchange, HttpStatus.BAD_REQUEST, LINK_REQUIRED, RejectionReason.MISSING_RESOURCE_LINK);
		}
		if (!link.isString()) {
			return reject(exchange, HttpStatus.BAD_REQUEST, Map.of("resource_link", List.of("Not a valid string.")),
					RejectionReason.INVALID_RESOURCE_LINK);
		}
		Map<String, List<String>> unstorable = unstorableLink(link, secret);
		if (unstorable != null) {
			return ResponseEntity.badRequest().body(unstorable);
		}
		ItemResult result;
		try {
			result = this.sync.sync(item, secret);
		}
		catch (RuntimeException ex) {
			// Rolled back whole; recorded as failed (unless the database is unreachable),
			// then answered 503 by SyncErrorAdvice.
			this.sync.recordFailed(link.asString().strip(), secret, ex);
			throw ex;
		}
		return result.isSuccess() ? ResponseEntity.ok(SUCCESS) : ResponseEntity.badRequest().body(result.errors());
	}

	private ResponseEntity<Object> batch(ArrayNode items, Exchange exchange) {
		int secret = exchange.secret();
		for (JsonNode item : items) {
			JsonNode link = (item instanceof ObjectNode) ? item.get("resource_link") : null;
			if (link == null || !link.isString() || link.asString().isBlank()) {
				return reject(exchange, HttpStatus.BAD_REQUEST, LINK_REQUIRED, RejectionReason.MISSING_RESOURCE_LINK);
			}
		}
		Map<String, Object> results = new LinkedHashMap<>();
		boolean allSucceeded = true;
		boolean anyFailed = false;
		for (JsonNode item : items) {
			String link = item.get("resource_link").asString().strip();
			Map<String, List<String>> unstorable = unstorableLink(item.get("resource_link"), secret);
			if (unstorable != null) {
				allSucceeded = false;
				results.put(link, unstorable);
				continue;
			}
			ItemResult result;
			try {
				result = this.sync.sync((ObjectNode) item, secret);
			}
			catch (RuntimeException ex) {
				// This item rolled back whole; the others keep their results.
				result = this.sync.recordFailed(link, secret, ex);
				if (DatabaseFailures.isUnreachable(ex)) {
					// The database is unreachable: the other items would fail too, each
					// after its own wait for the pool.
					throw ex;
				}
				anyFailed = true;
			}
			allSucceeded &= result.isSuccess();
			results.put(link, result.isSuccess() ? SUCCESS : result.errors());
		}
		if (anyFailed) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "5")
				.body(results);
		}
		return allSucceeded ? ResponseEntity.ok(results) : ResponseEntity.badRequest().body(results);
	}

	/**
	 * The errors of a link that no database query may carry (a NUL, a lone surrogate),
	 * recorded as a rejected item; {@code null} for any other link, which the item rules
	 * check after the run lookup.
	 */
	private Map<String, List<String>> unstorableLink(JsonNode link, int secret) {
		if (RunPayloadValidator.unstorable(link.asString()) == null) {
			return null;
		}
		List<String> messages;
		try {
			this.validator.field(RunField.RESOURCE_LINK, link);
			messages = List.of(RunPayloadValidator.NULL_CHARACTERS);
		}
		catch (RunPayloadValidator.FieldError ex) {
			messages = ex.messages();
		}
		Map<String, List<String>> errors = Map.of("resource_link", messages);
		this.sync.recordRejected(link.asString().strip(), secret, errors);
		return errors;
	}

	/**
	 * A rejection before any item was applied: recorded once in the history (the request
	 * is signed), counted and logged by reason, nothing else written.
	 */
	private ResponseEntity<Object> reject(Exchange exchange, HttpStatus status, Map<String, ?> body,
			RejectionReason reason) {
		@SuppressWarnings("unchecked")
		Map<String, List<String>> errors = body.values().stream().allMatch(List.class::isInstance)
				? (Map<String, List<String>>) body : Map.of("detail", List.of(String.valueOf(body.get("detail"))));
		this.sync.recordRejected(null, exchange.secret(), errors);
		this.rejections.refused(exchange.request(), exchange.response(), status.value(), reason);
		return ResponseEntity.status(status).body(body);
	}

	private static boolean isJson(String contentType) {
		if (contentType == null || contentType.isBlank()) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.getType().equals("application") && type.getSubtype().equals("json");
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
