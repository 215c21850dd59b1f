package org.coursesync.reconciliation;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Open edX's Course API for one backend: lists the courses page by page, handing each
 * page to the caller before asking for the next (pages are never collected). Timeouts,
 * 5xx and invalid JSON are retried with backoff; a 429 waits for its {@code Retry-After};
 * the whole listing stops at the deadline. {@code pagination.next} is followed only on
 * the API's own origin, and a repeated link or more pages than announced end the listing.
 */
class CourseApi {

	/** Retries of one page after a timeout, a 5xx or invalid JSON. */
	static final int RETRIES = 3;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private static final Duration HEARTBEAT = Duration.ofMinutes(1);

	private static final Duration LONGEST_RETRY_AFTER_DEFAULT = Duration.ofSeconds(60);

	private final Target target;

	private final RestClient client;

	private final OpenEdxToken token;

	private final JsonMapper json;

	private final Clock clock;

	private final RetryTemplate retry;

	/** Set by {@link #list}: one listing at a time per backend (the lease). */
	private volatile Runnable heartbeat = () -> {
	};

	/**
	 * Whether every call of the current listing was answered for a user that sees every
	 * course (never for anonymous calls).
	 */
	private volatile boolean everything;

	CourseApi(Target target, Duration requestTimeout, JsonMapper json, Clock clock) {
		this.target = target;
		this.json = json;
		this.clock = clock;
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(requestTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(requestTimeout);
		this.client = RestClient.builder().requestFactory(factory).build();
		this.token = target.authenticated()
				? new OpenEdxToken(target, RestClient.builder().requestFactory(factory), clock) : null;
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(RETRIES)
			.delay(FIRST_BACKOFF)
			.multiplier(2)
			.predicate(Retriable.class::isInstance)
			.build());
	}

	/** Receives each page of the listing, in order. */
	interface PageHandler {

		void page(int number, List<Course> courses) throws InterruptedException;

	}

	/**
	 * One course of the API: its key and the values reconciliation compares (dates as
	 * sent, {@code hidden} null when absent).
	 */
	record Course(String id, JsonNode start, JsonNode end, JsonNode enrollmentStart, JsonNode enrollmentEnd,
			Boolean hidden) {
	}

	/**
	 * Lists every course, page by page, until {@code pagination.next} is null;
	 * {@code heartbeat} runs before every call and during long waits (it keeps the
	 * lease).
	 */
	void list(long deadlineNanos, Runnable heartbeat, PageHandler handler) throws InterruptedException {
		this.heartbeat = heartbeat;
		this.everything = this.token != null;
		URI first = UriComponentsBuilder.fromUri(this.target.courseApi())
			.replaceQueryParam("page", 1)
			.replaceQueryParam("page_size", this.target.pageSize())
			.build(true)
			.toUri();
		Map<String, Integer> seen = new HashMap<>();
		URI next = first;
		int number = 0;
		Integer announced = null;
		while (next != null) {
			number++;
			next = withUsername(next);
			Integer earlier = seen.putIfAbsent(sameQuery(next), number);
			if (earlier != null) {
				throw new ListingFailed(number,
						"the next link of page " + (number - 1) + " repeats page " + earlier + " (" + next + ")");
			}
			if (announced != null && number > announced) {
				throw new ListingFailed(number, "more pages than the " + announced + " announced by num_pages");
			}
			checkDeadline(deadlineNanos, number);
			JsonNode page = fetch(next, number, deadlineNanos);
			JsonNode pagination = page.get("pagination");
			if (announced == null && pagination.path("num_pages").isIntegralNumber()) {
				announced = pagination.get("num_pages").asInt();
			}
			List<Course> courses = new ArrayList<>();
			for (JsonNode result : page.get("results")) {
				courses.add(course(result));
			}
			handler.page(number, courses);
			next = nextLink(pagination.get("next"), number + 1);
		}
	}

	/**
	 * Whether the listing so far may lack courses: anonymous calls, or a token whose user
	 * is not the service user as global staff (Open edX lists only what that user may
	 * see).
	 */
	boolean partial() {
		return !this.everything;
	}

	/**
	 * {@code uri} with its query parameters in order: one page, however it is spelled.
	 */
	private static String sameQuery(URI uri) {
		MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri) + uri.getRawPath() + "?"
				+ new TreeMap<>(query);
	}

	private URI withUsername(URI uri) {
		if (this.token == null) {
			return uri;
		}
		return UriComponentsBuilder.fromUri(uri)
			.replaceQueryParam("username", this.target.username())
			.encode()
			.build()
			.toUri();
	}

	private URI nextLink(JsonNode next, int number) {
		if (next == null || next.isNull()) {
			return null;
		}
		if (!next.isString()) {
			throw new ListingFailed(number, "the next link of page " + (number - 1) + " is not a string");
		}
		URI uri;
		try {
			uri = this.target.courseApi().resolve(new URI(next.asString()));
		}
		catch (URISyntaxException ex) {
			throw new ListingFailed(number, "the next link of page " + (number - 1) + " is not a valid URL");
		}
		URI api = this.target.courseApi();
		if (!Objects.equals(uri.getScheme(), api.getScheme()) || !Objects.equals(uri.getHost(), api.getHost())
				|| port(uri) != port(api)) {
			throw new ListingFailed(number, "the next link of page " + (number - 1)
					+ " leaves the course API's origin (" + uri.getScheme() + "://" + uri.getHost() + ")");
		}
		return uri;
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equals(uri.getScheme()) ? 443 : 80;
	}

	private static Course course(JsonNode result) {
		JsonNode id = result.get("id");
		if (id == null || !id.isString()) {
			throw new Retriable("a course without a string id");
		}
		JsonNode hidden = result.get("hidden");
		return new Course(id.asString(), result.get("start"), result.get("end"), result.get("enrollment_start"),
				result.get("enrollment_end"), (hidden != null && hidden.isBoolean()) ? hidden.asBoolean() : null);
	}

	/** One page, retried; a 429 waits without counting as a failure. */
	private JsonNode fetch(URI uri, int number, long deadlineNanos) throws InterruptedException {
		try {
			return this.retry.execute(() -> fetchOnce(uri, number, deadlineNanos));
		}
		catch (RetryException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof ListingFailed failed) {
				throw failed;
			}
			if (cause instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			if (cause instanceof RuntimeException other && !(cause instanceof Retriable)) {
				throw other;
			}
			String why = (cause instanceof Retriable retriable) ? retriable.getMessage()
					: (cause != null) ? cause.getClass().getSimpleName() : "unknown error";
			throw new ListingFailed(number, why + " (after " + (RETRIES + 1) + " attempts)");
		}
	}

	private JsonNode fetchOnce(URI uri, int number, long deadlineNanos) throws InterruptedException {
		while (true) {
			checkDeadline(deadlineNanos, number);
			this.heartbeat.run();
			Answer answer;
			try {
				answer = call(uri);
			}
			catch (OAuth2AuthorizationException ex) {
				// A token endpoint that timed out or answered 5xx is the LMS's error,
				// retried
				// like a page's; a refusal (wrong client) is not.
				String passing = transientCause(ex);
				if (passing != null) {
					throw new Retriable("no token from the token endpoint (" + passing + ")");
				}
				throw new ListingFailed(number,
						"no token from the token endpoint (" + ex.getError().getErrorCode() + ")");
			}
			catch (ResourceAccessException ex) {
				throw new Retriable(isTimeout(ex) ? "timed out" : "could not connect");
			}
			if (answer.status().value() == 429) {
				Duration wait = retryAfter(answer.retryAfter());
				if (System.nanoTime() + wait.toNanos() > deadlineNanos) {
					throw new ListingFailed(number,
							"throttled (429) with Retry-After " + wait.toSeconds() + "s beyond the deadline");
				}
				sleep(wait);
				continue;
			}
			if (answer.status().is5xxServerError()) {
				throw new Retriable("HTTP " + answer.status().value());
			}
			if (answer.status().value() == 403 && this.token != null) {
				throw new ListingFailed(number, "HTTP 403: Open edX refuses to list the courses of username '"
						+ this.target.username() + "' to the token's user (only global staff may list another user's)");
			}
			if (!answer.status().is2xxSuccessful()) {
				throw new ListingFailed(number, "HTTP " + answer.status().value());
			}
			return parse(answer.body());
		}
	}

	private record Answer(HttpStatusCode status, String retryAfter, byte[] body) {
	}

	private Answer call(URI uri) {
		RestClient.RequestHeadersSpec<?> request = this.client.get().uri(uri).header("Accept", "application/json");
		if (this.token != null) {
			OpenEdxToken.Grant grant = this.token.grant();
			if (!grant.seesEverything()) {
				this.everything = false;
			}
			request = request.header("Authorization", grant.authorization());
		}
		return request.exchange((req, response) -> new Answer(response.getStatusCode(),
				response.getHeaders().getFirst("Retry-After"), response.getBody().readAllBytes()));
	}

	private JsonNode parse(byte[] body) {
		JsonNode page;
		try {
			page = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Retriable("invalid JSON");
		}
		if (page == null || !page.path("results").isArray() || !page.path("pagination").isObject()) {
			throw new Retriable("not a Course API page (no results or pagination)");
		}
		return page;
	}

	/**
	 * Why the token endpoint gave no token when it is worth another attempt (a timeout,
	 * no connection, a 5xx), else null.
	 */
	private static String transientCause(OAuth2AuthorizationException failure) {
		for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
			if (t instanceof ResourceAccessException) {
				return isTimeout(t) ? "timed out" : "could not connect";
			}
			if (t instanceof HttpServerErrorException server) {
				return "HTTP " + server.getStatusCode().value();
			}
		}
		return null;
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
				return true;
			}
			if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("timed out")) {
				return true;
			}
		}
		return false;
	}

	/** {@code Retry-After} in seconds or as an HTTP date; a minute when absent. */
	private Duration retryAfter(String value) {
		if (value == null || value.isBlank()) {
			return LONGEST_RETRY_AFTER_DEFAULT;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
		}
		catch (NumberFormatException ex) {
			try {
				Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(this.clock.instant(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException again) {
				return LONGEST_RETRY_AFTER_DEFAULT;
			}
		}
	}

	/** Waits {@code wait}, beating every minute so that a long wait keeps the lease. */
	private void sleep(Duration wait) throws InterruptedException {
		long left = wait.toMillis();
		while (left > 0) {
			long step = Math.min(left, HEARTBEAT.toMillis());
			Thread.sleep(step);
			left -= step;
			this.heartbeat.run();
		}
	}

	private void checkDeadline(long deadlineNanos, int number) {
		if (System.nanoTime() > deadlineNanos) {
			throw new ListingFailed(number, "the deadline of " + this.target.deadline() + " passed");
		}
	}

	/** A failure worth another attempt of the same page. */
	static final class Retriable extends RuntimeException {

		Retriable(String message) {
			super(message, null, false, false);
		}

	}

	/** The end of the listing: names the page and the cause. */
	static final class ListingFailed extends RuntimeException {

		ListingFailed(int page, String cause) {
			super("page " + page + ": " + cause, null, false, false);
		}

	}

}
