package org.coursesync.console;

import java.nio.file.Path;

import org.coursesync.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Refreshes the README's screenshots of the console (docs/console-*.png), only when asked
 * with {@code -Dscreenshots=true} (the README's command); a plain {@code ./mvnw verify}
 * skips it and never rewrites them.
 */
class ConsoleScreenshotsIT extends BrowserTest {

	static final String LINK = "https://draft.lms/courses/course-v1:edX+E2E-101+2026/course/";

	static final String NEW_LINK = "https://draft.lms/courses/course-v1:edX+E2E-101+2027/course/";

	@Test
	void refreshesTheReadmeScreenshots() throws Exception {
		assumeTrue(Boolean.getBoolean("screenshots"), "screenshots are refreshed with -Dscreenshots=true only");
		this.db.course("E2E-101", "End-to-end Testing 101");
		this.db.course("DEMOX", "Demonstration Course");
		assertThat(this.http.sync(run(LINK, 95, "2031-06-30")).statusCode()).isEqualTo(200);
		assertThat(this.http.admin("POST", "/api/admin/courses/E2E-101/publish", null).statusCode()).isEqualTo(200);
		assertThat(this.http.sync(run(LINK, 130, "2031-07-14")).statusCode()).isEqualTo(200);
		assertThat(this.http.sync(run(NEW_LINK, 0, "2032-01-31")).statusCode()).isEqualTo(200);
		assertThat(this.http.sync("""
				{"resource_link": "%s", "start": "not a date"}""".formatted(LINK)).statusCode()).isEqualTo(400);

		logIn(ADMIN, ADMIN_PASSWORD);
		this.browser.manage().window().setSize(new Dimension(1280, 900));
		open("/admin/");
		visible("count-courses");
		screenshot(Path.of("docs", "console-dashboard.png"));
		this.browser.manage().window().setSize(new Dimension(1280, 1900));
		open("/admin/courses/E2E-101");
		visible("unpublished-changes");
		screenshot(Path.of("docs", "console-course.png"));
	}

	private static String run(String link, int enrollments, String end) {
		return """
				{"resource_link": "%s", "start": "2031-01-05T09:00:00Z", "end": "%sT18:00:00Z", \
				"enrollment_start": "2030-11-01T00:00:00Z", "languages": ["en"], "enrollment_count": %d}"""
			.formatted(link, end, enrollments);
	}

}
