package org.coursesync.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import mockwebserver3.Dispatcher;

import org.springframework.test.context.DynamicPropertyRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Open edX as a real HTTP server: the OAuth2 token endpoint (client credentials, signed
 * JWTs with Open edX's claims) and the Course API in its own format (results, pagination
 * with absolute next links), with faults on chosen pages. Like Open edX, it lists the
 * courses the user named by {@code username} may see (staff-only courses only to global
 * staff), and refuses (403) to list another user's to a user that is not global staff.
 */
final class FakeOpenEdx extends Dispatcher {

	static final String CLIENT_ID = "coursesync-client";

	static final String CLIENT_SECRET = "s3cret-of-the-client";

	static final String USERNAME = "coursesync_worker";

	/** A client whose user is not global staff. */
	static final String LEARNER_CLIENT_ID = "learner-client";

	static final String LEARNER_CLIENT_SECRET = "s3cret-of-the-learner";

	static final String LEARNER = "coursesync_learner";

	/** A user of the LMS: its name and whether it is global staff. */
	record User(String username, boolean staff) {
	}

	/** The OAuth2 applications (client credentials) and their users. */
	private static final Map<String, String[]> CLIENTS = Map.of(CLIENT_ID, new String[] { CLIENT_SECRET, USERNAME },
			LEARNER_CLIENT_ID, new String[] { LEARNER_CLIENT_SECRET, LEARNER });

	private static final Map<String, User> USERS = Map.of(USERNAME, new User(USERNAME, true), LEARNER,
			new User(LEARNER, false));

	static final String ENROLLMENT_START = "2029-12-01T00:00:00Z";

	static final String API = "/api/courses/v1/courses/";

	static final String ANONYMOUS_API = "/anon/api/courses/v1/courses/";

	/** What a page may do instead of answering normally. */
	enum Fault {

		/** Answers after longer than the client's timeout, every time. */
		TIMEOUT,
		/** Answers 429 with {@code Retry-After: 1} once, then normally. */
		THROTTLED_ONCE,
		/** Answers 429 with a {@code Retry-After} of an hour. */
		THROTTLED_LONG,
		/** Answers 503 every time. */
		UNAVAILABLE,
		/** Answers 503 once, then normally. */
		UNAVAILABLE_ONCE,
		/** Answers a body that is not JSON, every time. */
		INVALID_JSON,
		/** Its next link is page 1's. */
		LOOP,
		/** Its next link is on another host. */
		FOREIGN_NEXT,
		/** Announces a single page but links to the next. */
		FEWER_PAGES_ANNOUNCED

	}

	/** What the token endpoint may do instead of answering normally. */
	enum TokenFault {

		/** Answers after longer than the client's timeout, once. */
		TIMEOUT_ONCE,
		/** Answers 503 once. */
		UNAVAILABLE_ONCE

	}

	private final MockWebServer server = new MockWebServer();

	private volatile List<String> courses = List.of();

	private volatile int pageSize = 2;

	/** Course keys only global staff see. */
	private volatile Set<String> staffOnly = Set.of();

	private volatile TokenFault tokenFault;

	private final byte[] signingKey = new byte[32];

	/** The tokens issued, by value. */
	private final Map<String, User> issued = new ConcurrentHashMap<>();

	/** When set, every page waits for it before answering. */
	volatile CountDownLatch hold;

	/** How long every page takes to answer. */
	volatile long pageDelayMillis;

	private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();

	final AtomicInteger tokenCalls = new AtomicInteger();

	private final AtomicInteger tokensIssued = new AtomicInteger();

	final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	FakeOpenEdx() {
		new SecureRandom().nextBytes(this.signingKey);
		this.server.setDispatcher(this);
		try {
			this.server.start(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Registers backend {@code key} (e.g. {@code coursesync.lms-backends[0]}) at
	 * {@code baseUrl}: an {@code openedx} backend syncing to drafts whose reconciliation
	 * reads this fake's Course API with its OAuth2 application.
	 */
	void registerDraftBackend(DynamicPropertyRegistry registry, String key, String baseUrl) {
		registry.add(key + ".base-url", () -> baseUrl);
		registry.add(key + ".backend", () -> "openedx");
		registry.add(key + ".course-regex",
				() -> "^" + baseUrl.replace(".", "\\.") + "/courses/(?P<course_id>.+)/(course|info)/?$");
		registry.add(key + ".default-course-run-sync-mode", () -> "sync_to_draft");
		registry.add(key + ".reconciliation.course-api-url", () -> url(API));
		registry.add(key + ".reconciliation.token-url", () -> url("/oauth2/access_token"));
		registry.add(key + ".reconciliation.client-id", () -> CLIENT_ID);
		registry.add(key + ".reconciliation.client-secret", () -> CLIENT_SECRET);
		registry.add(key + ".reconciliation.username", () -> USERNAME);
	}

	String url(String path) {
		return this.server.url(path).toString();
	}

	/** Resets the courses (JSON objects of the Course API) and faults. */
	void serve(int pageSize, String... courses) {
		this.pageSize = pageSize;
		this.courses = List.of(courses);
		this.staffOnly = Set.of();
		this.tokenFault = null;
		this.faults.clear();
		this.calls.clear();
		this.tokenCalls.set(0);
		this.requests.clear();
	}

	/** Courses of {@link #serve} that only global staff see. */
	void staffOnly(String... keys) {
		this.staffOnly = Set.of(keys);
	}

	void tokenFault(TokenFault fault) {
		this.tokenFault = fault;
	}

	/** Every token issued so far (to check none is logged). */
	Set<String> issuedTokens() {
		return Set.copyOf(this.issued.keySet());
	}

	void fault(int page, Fault fault) {
		this.faults.put(page, fault);
	}

	int calls(int page) {
		AtomicInteger count = this.calls.get(page);
		return (count != null) ? count.get() : 0;
	}

	List<RecordedRequest> apiRequests() {
		return this.requests.stream().filter((request) -> request.getUrl().encodedPath().endsWith(API)).toList();
	}

	/** A course of the Course API. */
	static String course(String key, String start, String end, boolean hidden) {
		return course(key, start, end, ENROLLMENT_START, null, hidden);
	}

	/** A course of the Course API, with its enrollment dates. */
	static String course(String key, String start, String end, String enrollmentStart, String enrollmentEnd,
			boolean hidden) {
		return """
				{"blocks_url": "https://lms/api/courses/v2/blocks/?course_id=%s", "effort": null, "end": %s, \
				"enrollment_start": %s, "enrollment_end": %s, "id": "%s", "media": {}, "name": "Course %s", \
				"number": "N", "org": "edX", "short_description": "", "start": %s, "start_display": "Jan. 1, 2030", \
				"start_type": "timestamp", "pacing": "instructor", "mobile_available": false, "hidden": %s, \
				"invitation_only": false, "course_id": "%s"}""".formatted(key, quoted(end), quoted(enrollmentStart),
				quoted(enrollmentEnd), key, key, quoted(start), hidden, key);
	}

	private static String quoted(String value) {
		return (value != null) ? "\"" + value + "\"" : "null";
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
		this.requests.add(request);
		HttpUrl url = request.getUrl();
		String path = url.encodedPath();
		if (path.equals("/oauth2/access_token")) {
			return token(request);
		}
		boolean anonymous = path.equals(ANONYMOUS_API);
		if (!anonymous && !path.equals(API)) {
			return json(404, "{\"detail\": \"Not found.\"}");
		}
		// Anonymous calls see what anyone sees.
		User viewer = new User("", false);
		if (!anonymous) {
			String authorization = request.getHeaders().get("Authorization");
			User caller = (authorization != null && authorization.startsWith("JWT "))
					? this.issued.get(authorization.substring(4)) : null;
			if (caller == null) {
				return json(401, "{\"detail\": \"Authentication credentials were not provided.\"}");
			}
			String username = url.queryParameter("username");
			if (username == null || username.isEmpty()) {
				return json(400, "{\"detail\": \"A username is required for non-anonymous access.\"}");
			}
			// Open edX's Course API: the caller's own courses, or, for global staff only,
			// those another user may see.
			if (!username.equals(caller.username()) && !caller.staff()) {
				return json(403, "{\"detail\": \"You do not have permission to perform this action.\"}");
			}
			viewer = USERS.get(username);
			if (viewer == null) {
				return json(404, "{\"detail\": \"Not found.\"}");
			}
		}
		CountDownLatch held = this.hold;
		if (held != null) {
			held.await(60, TimeUnit.SECONDS);
		}
		int page = Integer.parseInt(url.queryParameter("page"));
		int size = Integer.parseInt(url.queryParameter("page_size"));
		int call = this.calls.computeIfAbsent(page, (p) -> new AtomicInteger()).incrementAndGet();
		Fault fault = this.faults.get(page);
		if (fault != null) {
			switch (fault) {
				case TIMEOUT:
					return new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).code(200).body("{}").build();
				case THROTTLED_ONCE:
					if (call == 1) {
						return new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build();
					}
					break;
				case THROTTLED_LONG:
					return new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build();
				case UNAVAILABLE:
					return json(503, "{\"detail\": \"unavailable\"}");
				case UNAVAILABLE_ONCE:
					if (call == 1) {
						return json(503, "{\"detail\": \"unavailable\"}");
					}
					break;
				case INVALID_JSON:
					return json(200, "{\"results\": [{\"id\": \"course-v1:edX+A");
				default:
					break;
			}
		}
		return page(url, page, size, fault, viewer);
	}

	private MockResponse page(HttpUrl url, int page, int size, Fault fault, User viewer) {
		List<String> all = this.courses;
		if (!viewer.staff()) {
			all = all.stream()
				.filter((course) -> this.staffOnly.stream()
					.noneMatch((key) -> course.contains("\"id\": \"" + key + "\"")))
				.toList();
		}
		int pages = Math.max(1, (all.size() + size - 1) / size);
		List<String> results = new ArrayList<>();
		for (int i = (page - 1) * size; i < Math.min(all.size(), page * size); i++) {
			results.add(all.get(i));
		}
		String next = (page < pages) ? "\"" + url.newBuilder().setQueryParameter("page", "" + (page + 1)) + "\""
				: "null";
		if (fault == Fault.LOOP) {
			next = "\"" + url.newBuilder().setQueryParameter("page", "1") + "\"";
		}
		else if (fault == Fault.FOREIGN_NEXT) {
			next = "\"http://elsewhere.example" + url.encodedPath() + "?page=" + (page + 1) + "\"";
		}
		int announced = (fault == Fault.FEWER_PAGES_ANNOUNCED) ? 1 : pages;
		if (fault == Fault.FEWER_PAGES_ANNOUNCED && page >= pages) {
			next = "\"" + url.newBuilder().setQueryParameter("page", "" + (page + 1)) + "\"";
		}
		MockResponse.Builder response = new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.headersDelay(this.pageDelayMillis, TimeUnit.MILLISECONDS);
		return response
			.body("""
					{"results": [%s], "pagination": {"next": %s, "previous": null, "count": %d, "num_pages": %d}}"""
				.formatted(String.join(",", results), next, all.size(), announced))
			.build();
	}

	private MockResponse token(RecordedRequest request) {
		String form = request.getBody().utf8();
		String[] client = CLIENTS.entrySet()
			.stream()
			.filter((entry) -> form.contains("client_id=" + entry.getKey() + "&")
					|| form.endsWith("client_id=" + entry.getKey()))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
		if (!form.contains("grant_type=client_credentials") || !form.contains("token_type=jwt") || client == null
				|| !form.contains("client_secret=" + client[0])) {
			return json(401, "{\"error\": \"invalid_client\"}");
		}
		int n = this.tokenCalls.incrementAndGet();
		TokenFault fault = this.tokenFault;
		if (fault != null && n == 1) {
			switch (fault) {
				case TIMEOUT_ONCE:
					return new MockResponse.Builder().headersDelay(10, TimeUnit.SECONDS).code(200).body("{}").build();
				case UNAVAILABLE_ONCE:
					return json(503, "<html>Service Unavailable</html>");
			}
		}
		User user = USERS.get(client[1]);
		String token = jwt(user);
		this.issued.put(token, user);
		return json(200, """
				{"access_token": "%s", "expires_in": 36000, "token_type": "JWT", "scope": "read write email profile"}"""
			.formatted(token));
	}

	/** A JWT with the claims Open edX puts in it (the profile scope's among them). */
	private String jwt(User user) {
		long now = System.currentTimeMillis();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().audience("lms-key")
			.issuer("http://lms/oauth2")
			.issueTime(new Date(now))
			.expirationTime(new Date(now + 36_000_000L))
			.subject("anon-" + user.username())
			.claim("preferred_username", user.username())
			.claim("scopes", List.of("read", "write", "email", "profile"))
			.claim("grant_type", "client-credentials")
			.claim("version", "1.2.0")
			.claim("filters", List.of())
			.claim("is_restricted", false)
			.claim("email_verified", true)
			.claim("email", user.username() + "@example.com")
			.claim("name", null)
			.claim("administrator", user.staff())
			.claim("superuser", false)
			.jwtID("jti-" + this.tokensIssued.incrementAndGet())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		try {
			jwt.sign(new MACSigner(this.signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
	}

	void stop() {
		this.server.close();
	}

}
