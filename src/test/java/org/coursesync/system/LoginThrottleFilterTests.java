package org.coursesync.system;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login holds its throttle slot only until its credentials are accepted: admin calls
 * that take long after their login never make the next logins wait or fail.
 */
class LoginThrottleFilterTests {

	private final LoginThrottleFilter throttle = new LoginThrottleFilter(
			LoginAttemptsTests.attempts(LoginAttemptsTests.h2(), Clock.systemUTC()));

	// Repeated: a race between logins shows on some runs only.
	@RepeatedTest(5)
	void manyLongAdminCallsWithTheRightPasswordAreAllServed() throws Exception {
		int calls = 3 * LoginAttempts.PER_CLIENT;
		CountDownLatch inside = new CountDownLatch(calls);
		CountDownLatch finish = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(calls);
		try {
			List<Future<MockHttpServletResponse>> answers = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				answers.add(threads.submit(() -> call((request, response) -> {
					// The admin call itself, after a successful login: held until all are
					// in.
					inside.countDown();
					finish.await(30, TimeUnit.SECONDS);
				})));
			}
			assertThat(inside.await(30, TimeUnit.SECONDS)).as("every call is in progress at once").isTrue();
			finish.countDown();
			for (Future<MockHttpServletResponse> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
			}
		}
		finally {
			finish.countDown();
			threads.shutdownNow();
		}
	}

	private MockHttpServletResponse call(Call adminCall) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/admin/courses");
		request.addHeader("Authorization", "Basic YWRtaW46cmlnaHQ=");
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain basicLogin = (req, res) -> {
			SecurityContextHolder.getContext()
				.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
						AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
			try {
				this.throttle.acceptedLogins().doFilter(req, res, (r, s) -> {
					try {
						adminCall.run(r, s);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
			}
			finally {
				SecurityContextHolder.clearContext();
			}
		};
		this.throttle.doFilter(request, response, basicLogin);
		return response;
	}

	@FunctionalInterface
	private interface Call {

		void run(Object request, Object response) throws InterruptedException;

	}

}
