package org.coursesync.reliability;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import org.coursesync.support.EmbeddedPostgresSupport;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one PostgreSQL count failed logins together: five failures on each
 * throttle the client on both, while the right password from another client still gets in
 * on both. Clients are told apart by the trusted proxy's {@code X-Forwarded-For}.
 */
@TestInstance(Lifecycle.PER_CLASS)
class LoginThrottleInstancesPostgresIT {

	ConfigurableApplicationContext first;

	ConfigurableApplicationContext second;

	@BeforeAll
	void startTwoInstances() {
		String url = TwoInstances.url(EmbeddedPostgresSupport.server());
		this.first = TwoInstances.start(url);
		this.second = TwoInstances.start(url);
	}

	@AfterAll
	void stop() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
	}

	private static HttpResponse<String> login(ConfigurableApplicationContext instance, String client, String password) {
		TestHttp http = new TestHttp(TwoInstances.port(instance));
		String credentials = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(http.uri("/api/admin/courses"))
			.header("Authorization", "Basic " + credentials)
			.header("X-Forwarded-For", client)
			.GET());
	}

	private static String randomClient() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	@Test
	void failuresOnBothInstancesAddUp() {
		String attacker = randomClient();
		ConfigurableApplicationContext[] instances = { this.first, this.second };
		// Wrong passwords sent to each instance in turn. Counted apart, each instance
		// would allow 10 (the first 429 at attempt 21); counted together, the first 429
		// comes after 10 failures in all (a few more if a token comes back meanwhile:
		// one every 30 seconds).
		int failures = 0;
		HttpResponse<String> throttled = null;
		for (int attempt = 0; attempt < 21 && throttled == null; attempt++) {
			HttpResponse<String> response = login(instances[attempt % 2], attacker, "wrong-" + attempt);
			if (response.statusCode() == 429) {
				throttled = response;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(401);
				failures++;
			}
		}
		assertThat(throttled).as("a 429 before 20 failures").isNotNull();
		assertThat(failures).isBetween(10, 15);
		assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
		assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(throttled.body()).contains("\"status\":429").contains("Too many failed admin logins");
		// Another client still gets in, on both instances.
		for (ConfigurableApplicationContext instance : instances) {
			HttpResponse<String> other = login(instance, randomClient(), "test-admin-password");
			assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
		}
	}

}
