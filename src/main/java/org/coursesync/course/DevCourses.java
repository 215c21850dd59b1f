package org.coursesync.course;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dev profile's sample courses, created once: Open edX's demo course, and
 * {@code E2E-101}, published and then changed by later syncs, so that the admin console
 * has a draft to review (one run differs from its public copy, one was never published).
 */
@Component
@Profile("dev")
class DevCourses implements ApplicationRunner {

	static final String REVIEW_SAMPLE = "E2E-101";

	private static final String LMS = "https://localhost:18000";

	private static final Logger logger = LoggerFactory.getLogger(DevCourses.class);

	private final CourseRepository courses;

	private final CourseRunRepository runs;

	private final CourseService publisher;

	private final Clock clock;

	DevCourses(CourseRepository courses, CourseRunRepository runs, CourseService publisher, Clock clock) {
		this.courses = courses;
		this.runs = runs;
		this.publisher = publisher;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		// The sample's writes go through the services a person uses, so they are audited:
		// under this name.
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("dev-profile", null, List.of()));
		SecurityContextHolder.setContext(context);
		try {
			add("DEMOX", "Demonstration Course");
			if (this.courses.findByCode(REVIEW_SAMPLE).isEmpty()) {
				addReviewSample();
			}
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		logger.info("Dev profile: sign sync requests with the secret from application-dev.yml; "
				+ "see the README's 'Send a signed request' for a ready-to-paste command; "
				+ "the admin console is at /admin/ (admin / admin)");
	}

	private void add(String code, String title) {
		if (this.courses.findByCode(code).isEmpty()) {
			this.courses.save(new Course(code, title, this.clock.instant()));
		}
	}

	/**
	 * Published with one run, then that run synced to its draft (new title, end and
	 * enrollment count) and a second run added. Dates keep the public run out of the
	 * catalog's {@code Upcoming} runs until 2035.
	 */
	private void addReviewSample() {
		Instant now = this.clock.instant();
		Course course = new Course(REVIEW_SAMPLE, "End-to-end Testing 101", now);
		course.setPacingType("self_paced");
		course.setMinEffort(2);
		course.setMaxEffort(4);
		this.courses.saveAndFlush(course);
		CourseRun spring = run(course.getId(), "2025", "Spring cohort (provisional)", now);
		spring.set(RunField.ENROLLMENT_START, Instant.parse("2025-06-01T08:00:00Z"));
		spring.set(RunField.START, Instant.parse("2025-09-01T08:00:00Z"));
		spring.set(RunField.END, Instant.parse("2035-06-30T18:00:00Z"));
		spring.set(RunField.ENROLLMENT_COUNT, 95);
		spring.set(RunField.PRICE, new BigDecimal("49.00"));
		this.runs.saveAndFlush(spring);
		this.publisher.publish(REVIEW_SAMPLE);
		spring.setTitle("Spring cohort");
		spring.set(RunField.END, Instant.parse("2035-07-14T18:00:00Z"));
		spring.set(RunField.ENROLLMENT_COUNT, 130);
		spring.set(RunField.PRICE, new BigDecimal("59.00"));
		CourseRun autumn = run(course.getId(), "2026", "Autumn cohort", now);
		autumn.set(RunField.START, Instant.parse("2036-09-07T08:00:00Z"));
		this.runs.save(autumn);
		Course published = this.courses.findByCode(REVIEW_SAMPLE).orElseThrow();
		published.setUnpublishedChanges(true);
	}

	private static CourseRun run(UUID courseId, String session, String title, Instant now) {
		CourseRun run = new CourseRun(UUID.randomUUID(), courseId, now);
		run.set(RunField.RESOURCE_LINK, LMS + "/courses/course-v1:edX+E2E-101+" + session + "/info");
		run.setLmsBackend(LMS);
		run.setSyncMode(SyncMode.SYNC_TO_DRAFT);
		run.setTitle(title);
		run.set(RunField.LANGUAGES, List.of("en"));
		run.set(RunField.PRICE_CURRENCY, "EUR");
		return run;
	}

}
