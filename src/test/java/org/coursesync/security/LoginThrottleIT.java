package org.coursesync.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.coursesync.support.FromAddress;
import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.TestClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mockingDetails;

/**
 * After 10 failed admin logins of one user from one client, that client gets 429 (even
 * with the right password) until a token comes back, however the Basic scheme is spelled
 * and however many logins arrive at once, while the right password from another client
 * gets in, behind a trusted proxy as well as directly; the signed sync endpoint is never
 * throttled. (Its own context: the throttle state must not leak into other tests; each
 * test empties the buckets and moves the clock.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "coursesync.test-context=throttle")
@Import(TestClockConfiguration.class)
class LoginThrottleIT extends HttpIT {

	static final String RIGHT = "test-admin-password";

	static final String SYNC_BODY = """
			{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/", \
			"start": "2030-12-09T09:31:59Z", "end": "2031-03-14T09:31:59Z", "languages": ["en"], \
			"enrollment_count": 865, "catalog_visibility": "course_and_search"}""";

	@Autowired
	MutableClock clock;

	@MockitoSpyBean
	PasswordEncoder passwordEncoder;

	/** The reset has emptied the buckets: a new window on a later clock. */
	@BeforeEach
	void newWindow() {
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(6)));
		this.db.course("DEMOX", "Demo");
	}

	private static String credentials(String password) {
		return Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> login(String scheme, String password) {
		return this.http.send(HttpRequest.newBuilder(this.http.uri("/api/admin/courses"))
			.header("Authorization", scheme + credentials(password))
			.GET());
	}

	private HttpResponse<String> login(String password) {
		return login("Basic ", password);
	}

	private void failTenTimes(String scheme) {
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> failed = login(scheme, "wrong-" + i);
			assertThat(failed.statusCode()).isEqualTo(401);
			assertThat(failed.body()).contains("Send the admin login");
		}
	}

	private static void assertThrottled(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 300));
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"status\":429").contains("Too many failed admin logins");
	}

	/** A login through the trusted proxy (127.0.0.1) for the client {@code client}. */
	private HttpResponse<String> loginVia(String client, String password) {
		return this.http.send(HttpRequest.newBuilder(this.http.uri("/api/admin/courses"))
			.header("Authorization", "Basic " + credentials(password))
			.header("X-Forwarded-For", client)
			.GET());
	}

	@Test
	void theRightPasswordFromAnotherClientBehindTheProxyGetsInWhileAnAttackerIsThrottled() {
		for (int i = 0; i < 10; i++) {
			assertThat(loginVia("203.0.113.7", "wrong-" + i).statusCode()).isEqualTo(401);
		}
		assertThrottled(loginVia("203.0.113.7", RIGHT));
		// Another client behind the same proxy: not locked out.
		HttpResponse<String> admin = loginVia("198.51.100.20", RIGHT);
		assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
		assertThat(admin.body()).contains("\"items\"");
		// The attacker stays throttled, whatever the proxy's own address.
		assertThrottled(loginVia("203.0.113.7", "wrong-again"));
	}

	@Test
	void theRightPasswordFromAnotherAddressGetsInWhileAnAttackerIsThrottled() {
		failTenTimes("Basic ");
		assertThrottled(login(RIGHT));
		FromAddress.Response other = FromAddress.send("127.0.0.2", this.port, "GET", "/api/admin/courses", null,
				"Authorization: Basic " + credentials(RIGHT));
		assertThat(other.status()).as(other.body()).isEqualTo(200);
		assertThat(other.body()).contains("\"items\"");
		// The failures were stored: the table holds hashes, never the name or the
		// address.
		assertThat(this.db.count("login_bucket")).isPositive();
		assertThat(this.jdbc.queryForList("SELECT CAST(id AS VARCHAR(40)) FROM login_bucket", String.class))
			.noneMatch((id) -> id.contains("admin") || id.contains("127.0.0.1"));
	}

	@Test
	void throttlesRepeatedFailedAdminLogins() {
		assertThat(login(RIGHT).statusCode()).isEqualTo(200);
		failTenTimes("Basic ");
		assertThrottled(login(RIGHT));
		// Requests without credentials never reach a password check and are not
		// throttled.
		assertThat(this.http.send(HttpRequest.newBuilder(this.http.uri("/actuator/health")).GET()).statusCode())
			.isEqualTo(200);
		// The window ends: the right password works again.
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(5).plusSeconds(1)));
		assertThat(login(RIGHT).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic\t", "Basic:", "basic ", "BASIC ", "bAsIc " })
	void throttlesEverySpellingSpringSecurityReadsAsBasic(String scheme) {
		// Spring Security takes this spelling as a Basic login...
		assertThat(login(scheme, RIGHT).statusCode()).isEqualTo(200);
		// ...so its failures count like any other.
		failTenTimes(scheme);
		assertThrottled(login(scheme, RIGHT));
		assertThrottled(login(RIGHT));
	}

	@Test
	void concurrentWrongLoginsReachThePasswordCheckAtMostTenTimes() throws Exception {
		int logins = 200;
		clearInvocations(this.passwordEncoder);
		ExecutorService pool = Executors.newFixedThreadPool(logins);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> futures = new ArrayList<>();
			for (int i = 0; i < logins; i++) {
				String password = "wrong-" + i;
				futures.add(pool.submit(() -> {
					start.await();
					try {
						return login(password).statusCode();
					}
					catch (UncheckedIOException ex) {
						return -1; // timed out: counted below
					}
				}));
			}
			start.countDown();
			List<Integer> responses = new ArrayList<>();
			for (Future<Integer> future : futures) {
				responses.add(future.get(120, TimeUnit.SECONDS));
			}
			Map<Integer, Long> statuses = responses.stream()
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			assertThat(statuses.keySet()).as(statuses.toString()).containsOnly(401, 429);
			assertThat(statuses.get(401)).as(statuses.toString()).isBetween(1L, 10L);
			assertThat(statuses.get(429)).isEqualTo(logins - statuses.get(401));
			long checks = mockingDetails(this.passwordEncoder).getInvocations()
				.stream()
				.filter((invocation) -> invocation.getMethod().getName().equals("matches"))
				.count();
			assertThat(checks).as("password checks").isEqualTo(statuses.get(401));
		}
		finally {
			pool.shutdownNow();
		}
		// Every slot ended as a failure: the right password is refused too.
		assertThrottled(login(RIGHT));
	}

	@Test
	void aThrottledAddressStillSyncs() {
		failTenTimes("Basic ");
		assertThrottled(login(RIGHT));

		HttpResponse<String> signed = this.http.sync(SYNC_BODY);
		assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
		assertThat(signed.body()).isEqualTo("{\"success\":true}");
		assertThat(this.db.draftRuns()).hasSize(1);

		HttpResponse<String> unsigned = postSync(Function.identity());
		assertThat(unsigned.statusCode()).isEqualTo(403);
		assertThat(unsigned.body()).isEqualTo("\"Missing authentication.\"");

		// Richie answers an admin login sent to the sync endpoint as a wrong signature.
		HttpResponse<String> basic = postSync(
				(request) -> request.header("Authorization", "Basic " + credentials(RIGHT)));
		assertThat(basic.statusCode()).isEqualTo(401);
		assertThat(basic.body()).isEqualTo("\"Invalid authentication.\"");
		assertThat(this.db.count("sync_event")).isEqualTo(1);
	}

	@Test
	void basicLoginsSentToTheSyncEndpointAreNotCounted() {
		for (int i = 0; i < 12; i++) {
			HttpResponse<String> response = postSync(
					(request) -> request.header("Authorization", "Basic " + credentials("wrong")));
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).isEqualTo("\"Invalid authentication.\"");
		}
		assertThat(login(RIGHT).statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).isEmpty();
	}

	private HttpResponse<String> postSync(Function<HttpRequest.Builder, HttpRequest.Builder> authorization) {
		return this.http.send(authorization.apply(HttpRequest.newBuilder(this.http.uri("/api/v1.0/course-runs-sync"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SYNC_BODY))));
	}

}
