package org.coursesync.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After 10 failed admin logins from one address, even the right password gets 429 until
 * the window ends. (Its own context: the throttle state must not leak into other tests.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "coursesync.test-context=throttle")
@ActiveProfiles("test")
class LoginThrottleIT {

	@LocalServerPort
	int port;

	private HttpResponse<String> login(TestHttp http, String password) {
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
		return http.send(HttpRequest.newBuilder(http.uri("/api/admin/courses")).header("Authorization", basic).GET());
	}

	@Test
	void throttlesRepeatedFailedAdminLogins() {
		TestHttp http = new TestHttp(this.port);
		assertThat(login(http, "test-admin-password").statusCode()).isEqualTo(200);
		for (int i = 0; i < 10; i++) {
			assertThat(login(http, "wrong-" + i).statusCode()).isEqualTo(401);
		}
		HttpResponse<String> throttled = login(http, "test-admin-password");
		assertThat(throttled.statusCode()).isEqualTo(429);
		assertThat(throttled.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 300));
		assertThat(throttled.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(throttled.body()).contains("Too many failed admin logins");
		// Requests without credentials never reach a password check and are not
		// throttled.
		assertThat(http.send(HttpRequest.newBuilder(http.uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);
	}

}
