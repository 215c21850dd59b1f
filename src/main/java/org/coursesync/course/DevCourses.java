package org.coursesync.course;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dev profile's sample courses: Open edX's demo course and one more, created once.
 */
@Component
@Profile("dev")
class DevCourses implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DevCourses.class);

	private final CourseRepository courses;

	private final Clock clock;

	DevCourses(CourseRepository courses, Clock clock) {
		this.courses = courses;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		add("DEMOX", "Demonstration Course");
		add("E2E-101", "End-to-end Testing 101");
		logger.info("Dev profile: sign sync requests with the secret from application-dev.yml; "
				+ "see the README's 'Send a signed request' for a ready-to-paste command");
	}

	private void add(String code, String title) {
		if (this.courses.findByCode(code).isEmpty()) {
			this.courses.save(new Course(code, title, this.clock.instant()));
		}
	}

}
