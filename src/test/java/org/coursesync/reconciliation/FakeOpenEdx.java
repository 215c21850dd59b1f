package org.coursesync.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * Open edX as a real HTTP server: the OAuth2 token endpoint (client credentials, JWT
 * tokens) and the Course API in its own format (results, pagination with absolute next
 * links), with faults on chosen pages.
 */
final class FakeOpenEdx extends Dispatcher {

	static final String CLIENT_ID = "coursesync-client";

	static final String CLIENT_SECRET = "s3cret-of-the-client";

	static final String USERNAME = "coursesync_worker";

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

	private final MockWebServer server = new MockWebServer();

	private volatile List<String> courses = List.of();

	private volatile int pageSize = 2;

	/** When set, every page waits for it before answering. */
	volatile CountDownLatch hold;

	/** How long every page takes to answer. */
	volatile long pageDelayMillis;

	private final Map<Integer, Fault> faults = new ConcurrentHashMap<>();

	private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();

	final AtomicInteger tokenCalls = new AtomicInteger();

	final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	FakeOpenEdx() {
		this.server.setDispatcher(this);
		try {
			this.server.start(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String path) {
		return this.server.url(path).toString();
	}

	/** Resets the courses (JSON objects of the Course API) and faults. */
	void serve(int pageSize, String... courses) {
		this.pageSize = pageSize;
		this.courses = List.of(courses);
		this.faults.clear();
		this.calls.clear();
		this.tokenCalls.set(0);
		this.requests.clear();
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
		return "{\"blocks_url\": \"https://lms/api/courses/v2/blocks/?course_id=" + key + "\", \"effort\": null,"
				+ " \"end\": " + quoted(end) + ", \"enrollment_start\": \"" + ENROLLMENT_START
				+ "\", \"enrollment_end\": null, \"id\": \"" + key + "\", \"media\": {}, \"name\": \"Course " + key
				+ "\", \"number\": \"N\", \"org\": \"edX\"," + " \"short_description\": \"\", \"start\": "
				+ quoted(start)
				+ ", \"start_display\": \"Jan. 1, 2030\", \"start_type\": \"timestamp\", \"pacing\": \"instructor\","
				+ " \"mobile_available\": false, \"hidden\": " + hidden + ", \"invitation_only\": false,"
				+ " \"course_id\": \"" + key + "\"}";
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
		if (!anonymous) {
			String authorization = request.getHeaders().get("Authorization");
			if (authorization == null || !authorization.startsWith("JWT tok-")) {
				return json(401, "{\"detail\": \"Authentication credentials were not provided.\"}");
			}
			if (!USERNAME.equals(url.queryParameter("username"))) {
				return json(400, "{\"detail\": \"A username is required for non-anonymous access.\"}");
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
					return new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).code(200).body("{}").build();
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
		return page(url, page, size, fault);
	}

	private MockResponse page(HttpUrl url, int page, int size, Fault fault) {
		List<String> all = this.courses;
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
			.body("{\"results\": [" + String.join(",", results) + "], \"pagination\": {\"next\": " + next
					+ ", \"previous\": null, \"count\": " + all.size() + ", \"num_pages\": " + announced + "}}")
			.build();
	}

	private MockResponse token(RecordedRequest request) {
		String form = request.getBody().utf8();
		if (!form.contains("grant_type=client_credentials") || !form.contains("token_type=jwt")
				|| !form.contains("client_id=" + CLIENT_ID) || !form.contains("client_secret=" + CLIENT_SECRET)) {
			return json(401, "{\"error\": \"invalid_client\"}");
		}
		int n = this.tokenCalls.incrementAndGet();
		return json(200, "{\"access_token\": \"tok-" + n + "\", \"expires_in\": 36000, \"token_type\": \"JWT\","
				+ " \"scope\": \"read write email profile\"}");
	}

	private static MockResponse json(int code, String body) {
		return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
	}

	void stop() {
		this.server.close();
	}

}
