package org.coursesync.reconciliation;

import java.net.URI;
import java.time.Duration;

import org.coursesync.lms.LmsRegistry;
import org.coursesync.lms.LmsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation keys of each backend are checked at start-up: a wrong value stops it
 * with a message naming the key; unset keys take their documented defaults.
 */
class ReconciliationTargetsTests {

	private static final String B0 = "coursesync.lms-backends[0].";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class)
		.withBean(LmsRegistry.class)
		.withBean(ReconciliationTargets.class)
		.withPropertyValues(B0 + "base-url=https://lms.example.com", B0 + "backend=openedx",
				B0 + "course-regex=^https://lms\\.example\\.com/courses/(?P<course_id>.+)/(course|info)/?$");

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ LmsProperties.class, ReconciliationProperties.class })
	static class Properties {

	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"reconciliation.page-size=0|coursesync.lms-backends[0].reconciliation.page-size",
			"reconciliation.page-size=101|coursesync.lms-backends[0].reconciliation.page-size",
			"reconciliation.interval=0s|coursesync.lms-backends[0].reconciliation.interval",
			"reconciliation.deadline=-1m|coursesync.lms-backends[0].reconciliation.deadline",
			"reconciliation.course-api-url=ftp://lms/courses|coursesync.lms-backends[0].reconciliation.course-api-url",
			"reconciliation.token-url=not a url|coursesync.lms-backends[0].reconciliation.token-url",
			"reconciliation.client-id=abc|coursesync.lms-backends[0].reconciliation.client-secret" })
	void refusesNamingTheKey(String property, String key) {
		this.runner.withPropertyValues(B0 + property)
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(key));
	}

	@Test
	void refusesAClientWithoutItsServiceUser() {
		this.runner.withPropertyValues(B0 + "reconciliation.client-id=abc", B0 + "reconciliation.client-secret=def")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("coursesync.lms-backends[0].reconciliation.username"));
	}

	@Test
	void refusesDuplicateBaseUrls() {
		this.runner
			.withPropertyValues("coursesync.lms-backends[1].base-url=https://lms.example.com/",
					"coursesync.lms-backends[1].backend=joanie")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("coursesync.lms-backends[1].base-url")
				.hasMessageContaining("coursesync.lms-backends[0]"));
	}

	@Test
	void refusesReconciliationOfANonOpenedxBackend() {
		this.runner.withPropertyValues("coursesync.lms-backends[1].base-url=https://joanie.example.com",
				"coursesync.lms-backends[1].backend=joanie", "coursesync.lms-backends[1].reconciliation.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("coursesync.lms-backends[1].reconciliation"));
	}

	@Test
	void defaultsFollowTheBaseUrl() {
		this.runner.run((context) -> {
			Target target = context.getBean(ReconciliationTargets.class).find("https://lms.example.com").orElseThrow();
			assertThat(target.enabled()).isFalse();
			assertThat(target.interval()).isEqualTo(Duration.ofHours(1));
			assertThat(target.deadline()).isEqualTo(Duration.ofMinutes(30));
			assertThat(target.pageSize()).isEqualTo(100);
			assertThat(target.courseApi()).isEqualTo(URI.create("https://lms.example.com/api/courses/v1/courses/"));
			assertThat(target.tokenUrl()).isEqualTo(URI.create("https://lms.example.com/oauth2/access_token"));
			assertThat(target.authenticated()).isFalse();
		});
	}

	@Test
	void neverShowsTheSecret() {
		this.runner
			.withPropertyValues(B0 + "reconciliation.client-id=abc", B0 + "reconciliation.client-secret=hush-hush",
					B0 + "reconciliation.username=worker")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ReconciliationProperties.class).toString()).doesNotContain("hush-hush");
				assertThat(context.getBean(ReconciliationTargets.class).all().toString()).doesNotContain("hush-hush");
			});
	}

}
