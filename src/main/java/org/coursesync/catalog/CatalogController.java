package org.coursesync.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.coursesync.course.CourseCodes;
import org.coursesync.system.Instants;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The published catalog for subscribed systems (LumiNUS's "edX Contents API"): errors as
 * bare JSON strings, paging in headers, and an ETag so that pollers get 304 when nothing
 * changed.
 */
@Tag(name = "Catalog", description = "Published course runs, for systems with a subscription key")
@RestController
class CatalogController {

	static final String KEY_HEADER = "Ocp-Apim-Subscription-Key";

	private static final int MAX_SIZE = 1000;

	private final Map<String, CatalogProperties.Catalog> catalogs;

	private final CatalogService service;

	private final JsonMapper json;

	private final Clock clock;

	CatalogController(CatalogProperties properties, CatalogService service, JsonMapper json, Clock clock) {
		this.catalogs = properties.catalogs();
		this.service = service;
		this.json = json;
		this.clock = clock;
	}

	@Operation(operationId = "listCatalogCourseRuns", summary = "Published, non-hidden runs of a catalog",
			description = "Ordered by start date then id. Paging metadata in the Link and X-Total-Count headers. "
					+ "Errors are bare JSON strings: 404 \"the catalog is not found\", 403 \"Login user not "
					+ "authorized to perform this action\", 400 naming the bad parameter.")
	@ApiResponse(responseCode = "200", description = "One page of runs", headers = {
			@Header(name = "X-Total-Count", description = "runs in all pages", schema = @Schema(type = "integer")),
			@Header(name = "Link", description = "first, prev, next and last pages", schema = @Schema(type = "string")),
			@Header(name = "ETag", description = "send it back in If-None-Match to get 304 when nothing changed",
					schema = @Schema(type = "string")) },
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					array = @ArraySchema(schema = @Schema(implementation = CatalogRun.class))))
	@ApiResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match",
			content = @Content)
	@ApiResponse(responseCode = "400", description = "A bad query parameter, named in the message",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "string",
							example = "\"Invalid parameter 'size': expected an integer from 1 to 1000\"")))
	@ApiResponse(responseCode = "403", description = "No subscription key, or a key not of this catalog",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "string",
							example = "\"Login user not authorized to perform this action\"")))
	@ApiResponse(responseCode = "404", description = "Unknown catalog",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(type = "string", example = "\"the catalog is not found\"")))
	@GetMapping(path = "/api/1.0/catalogs/{catalog}/course-runs", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<byte[]> courseRuns(@Parameter(example = "main") @PathVariable String catalog,
			@Parameter(description = "subscription key of this catalog") @RequestHeader(name = KEY_HEADER,
					required = false) String key,
			@Parameter(description = "an ETag of an earlier answer") @RequestHeader(name = HttpHeaders.IF_NONE_MATCH,
					required = false) String ifNoneMatch,
			@Parameter(description = "Archived, Current, Starting Soon or Upcoming") @RequestParam(
					required = false) String availability,
			@Parameter(description = "a course code") @RequestParam(required = false) String course,
			@Parameter(description = "ISO-8601 instant or date") @RequestParam(name = "start_after",
					required = false) String startAfter,
			@Parameter(description = "ISO-8601 instant or date") @RequestParam(name = "start_before",
					required = false) String startBefore,
			@Parameter(description = "page number, from 0") @RequestParam(required = false) String page,
			@Parameter(description = "page size, 1 to 1000 (default 100)") @RequestParam(required = false) String size,
			@Parameter(
					description = "where the page starts, from a next link (the page then only numbers the links)") @RequestParam(
							required = false) String cursor,
			UriComponentsBuilder uri) {
		CatalogProperties.Catalog config = this.catalogs.get(catalog);
		if (config == null) {
			return error(HttpStatus.NOT_FOUND, "the catalog is not found");
		}
		if (!SubscriptionKeys.matches(config.subscriptionKeys(), key)) {
			return error(HttpStatus.FORBIDDEN, "Login user not authorized to perform this action");
		}
		CatalogQuery query;
		try {
			query = new CatalogQuery(availability(availability), course(course), instant("start_after", startAfter),
					instant("start_before", startBefore), integer("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE),
					integer("size", size, 100, 1, MAX_SIZE), (cursor != null) ? CatalogCursor.decode(cursor) : null);
		}
		catch (IllegalArgumentException ex) {
			return error(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		Instant now = this.clock.instant();
		CatalogService.State state = this.service.state(now);
		String etag = etag(catalog, query, state);
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(etag);
		headers.setCacheControl("no-cache");
		if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
			// Decided from the state alone; the paging headers only when the page is in
			// memory.
			this.service.cached(catalog, state, query)
				.ifPresent((cached) -> pagingHeaders(headers, uri, catalog, query, cached));
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
		}
		CatalogService.Page result = this.service.page(catalog, Set.copyOf(config.lmsBackends()), query, state, now);
		pagingHeaders(headers, uri, catalog, query, result);
		return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(result.body());
	}

	private static void pagingHeaders(HttpHeaders headers, UriComponentsBuilder uri, String catalog, CatalogQuery query,
			CatalogService.Page page) {
		headers.set("X-Total-Count", Long.toString(page.total()));
		headers.set(HttpHeaders.LINK, links(uri, catalog, query, page));
	}

	private ResponseEntity<byte[]> error(HttpStatus status, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.json.writeValueAsBytes(message));
	}

	private static Availability availability(String value) {
		if (value == null) {
			return null;
		}
		return Availability.fromLabel(value)
			.orElseThrow(() -> new IllegalArgumentException(
					"Invalid parameter 'availability': expected Archived, Current, Starting Soon or Upcoming"));
	}

	private static String course(String value) {
		if (value == null) {
			return null;
		}
		String code = CourseCodes.normalize(value);
		if (code == null) {
			throw new IllegalArgumentException("Invalid parameter 'course': expected a course code such as DemoX");
		}
		return code;
	}

	private static Instant instant(String name, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instants.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Invalid parameter '" + name
					+ "': expected an ISO-8601 instant such as 2030-01-01T00:00:00Z or a date such as 2030-01-01");
		}
	}

	private static int integer(String name, String value, int fallback, int min, int max) {
		if (value == null) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				"Invalid parameter '" + name + "': expected an integer from " + min + " to " + max);
	}

	/**
	 * The ETag of a read: the same catalog, query and state give the same bytes, on every
	 * instance.
	 */
	private static String etag(String catalog, CatalogQuery query, CatalogService.State state) {
		try {
			String key = catalog + "\n" + query + "\n" + state.version() + "\n" + state.nextChange();
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The first, previous, next and last pages. The next link also carries the cursor
	 * after this page's last run: it reads on from there (no rows skipped by offset, and
	 * no run seen twice or missed when runs are added or removed in between).
	 */
	private static String links(UriComponentsBuilder base, String catalog, CatalogQuery query,
			CatalogService.Page page) {
		int last = (int) Math.max(0, (page.total() - 1) / query.size());
		List<String> links = new ArrayList<>();
		links.add(link(base, catalog, query, null, 0, "first"));
		if (query.page() > 0) {
			links.add(link(base, catalog, query, null, Math.min(query.page() - 1, last), "prev"));
		}
		if (query.page() < last && page.last() != null) {
			links.add(link(base, catalog, query, page.last(), query.page() + 1, "next"));
		}
		links.add(link(base, catalog, query, null, last, "last"));
		return String.join(", ", links);
	}

	private static String link(UriComponentsBuilder base, String catalog, CatalogQuery query, CatalogCursor cursor,
			int page, String rel) {
		UriComponentsBuilder uri = base.cloneBuilder().path("/api/1.0/catalogs/{catalog}/course-runs");
		if (cursor != null) {
			uri.queryParam("cursor", cursor.encode());
		}
		uri.queryParam("page", page).queryParam("size", query.size());
		if (query.availability() != null) {
			uri.queryParam("availability", query.availability().label());
		}
		if (query.course() != null) {
			uri.queryParam("course", query.course());
		}
		if (query.startAfter() != null) {
			uri.queryParam("start_after", query.startAfter());
		}
		if (query.startBefore() != null) {
			uri.queryParam("start_before", query.startBefore());
		}
		return "<" + uri.buildAndExpand(catalog).encode().toUriString() + ">; rel=\"" + rel + "\"";
	}

	/** Constant-time check of a subscription key against every key of a catalog. */
	static final class SubscriptionKeys {

		private SubscriptionKeys() {
		}

		static boolean matches(List<String> keys, String key) {
			if (key == null || key.isEmpty()) {
				return false;
			}
			byte[] sent = key.getBytes(StandardCharsets.UTF_8);
			boolean match = false;
			for (String candidate : keys) {
				match |= MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), sent);
			}
			return match;
		}

	}

}
