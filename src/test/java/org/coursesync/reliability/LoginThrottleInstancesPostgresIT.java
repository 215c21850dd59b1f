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
		for (int i = 0; i < 5; i++) {
			assertThat(login(this.first, attacker, "wrong-a" + i).statusCode()).isEqualTo(401);
			assertThat(login(this.second, attacker, "wrong-b" + i).statusCode()).isEqualTo(401);
		}
		for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { this.first,
				this.second }) {
			HttpResponse<String> throttled = login(instance, attacker, "test-admin-password");
			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
			assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(throttled.body()).contains("\"status\":429").contains("Too many failed admin logins");

			HttpResponse<String> other = login(instance, randomClient(), "test-admin-password");
			assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
		}
	}

}
