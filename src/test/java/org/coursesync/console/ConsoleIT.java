package org.coursesync.console;

import java.net.http.HttpResponse;
import java.util.List;

import org.coursesync.support.BrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console in a real browser: logging in, the dashboard, finding a course with
 * unpublished changes, its differences, publishing it, editing its fields.
 */
class ConsoleIT extends BrowserTest {

	static final String LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/course/";

	@BeforeEach
	void aCourseWithUnpublishedChanges() {
		this.db.course("DEMOX", "Demo");
		// Through the API: its service indexes the title's words for the search.
		assertThat(this.http.admin("POST", "/api/admin/courses", """
				{"code": "OTHER", "title": "Another course"}""").statusCode()).isEqualTo(201);
		// The draft LMS syncs to drafts: published once, then synced again.
		assertThat(this.http.sync(sync(40, "2031-06-30T00:00:00Z")).statusCode()).isEqualTo(200);
		assertThat(this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
		assertThat(this.http.sync(sync(75, "2031-07-31T00:00:00Z")).statusCode()).isEqualTo(200);
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
	}

	private static String sync(int enrollments, String end) {
		return """
				{"resource_link": "%s", "start": "2031-01-01T00:00:00Z", "end": "%s", \
				"enrollment_start": "2030-12-01T00:00:00Z", "languages": ["en"], "enrollment_count": %d}"""
			.formatted(LINK, end, enrollments);
	}

	@Test
	void sendsTheLoginPageToAVisitorAndLogsIn() {
		open("/admin/courses");
		assertThat(this.browser.getCurrentUrl()).endsWith("/admin/login");
		logIn(ADMIN, ADMIN_PASSWORD);
		// Back where the visitor was going.
		assertThat(this.browser.getCurrentUrl()).contains("/admin/courses");
		assertThat(this.browser.findElement(By.cssSelector(".user")).getText()).isEqualTo(ADMIN);
		open("/admin/");
		assertThat(visible("count-courses").getText()).isEqualTo("2");
		assertThat(visible("count-runs").getText()).isEqualTo("1");
		assertThat(visible("count-changed-courses").getText()).isEqualTo("1");
		assertThat(visible("count-syncs").getText()).isEqualTo("2");
		assertThat(visible("count-rejections").getText()).isEqualTo("0");
		assertThat(this.browser.findElement(By.id("backends")).getText()).contains("https://draft.lms");
		// Sessions live in the database.
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM spring_session WHERE principal_name = ?",
				Integer.class, ADMIN))
			.isGreaterThan(0);
	}

	@Test
	void showsAnErrorOnAWrongPassword() {
		logIn(ADMIN, "wrong password");
		assertThat(this.browser.getCurrentUrl()).endsWith("/admin/login?error");
		assertThat(visible("login-error").getText()).isEqualTo("Wrong user name or password.");
		open("/admin/");
		assertThat(this.browser.getCurrentUrl()).endsWith("/admin/login");
	}

	@Test
	void marksEveryDifferingFieldAndPublishesAfterConfirmation() {
		logIn(ADMIN, ADMIN_PASSWORD);
		open("/admin/courses");
		new Select(this.browser.findElement(By.id("unpublished_changes"))).selectByValue("true");
		clickAndWait(this.browser.findElement(By.cssSelector("form[role=search] button")));
		List<WebElement> rows = this.browser.findElements(By.cssSelector("#courses tbody tr"));
		assertThat(rows).hasSize(1);
		clickAndWait(rows.get(0).findElement(By.linkText("DEMOX")));

		assertThat(visible("unpublished-changes").getText()).isEqualTo("Unpublished changes");
		List<String> differing = this.browser.findElements(By.cssSelector("table.diff tr.differs"))
			.stream()
			.map((row) -> row.getAttribute("data-field"))
			.toList();
		assertThat(differing).containsExactly("end", "enrollment_count");
		WebElement count = this.browser.findElement(By.cssSelector("tr[data-field=enrollment_count]"));
		assertThat(count.findElement(By.cssSelector("td.draft")).getText()).isEqualTo("75");
		assertThat(count.findElement(By.cssSelector("td.published")).getText()).isEqualTo("40");
		// A visible marker, not colour alone.
		assertThat(count.findElement(By.cssSelector(".marker")).getText()).startsWith("≠");
		assertThat(this.browser.findElement(By.cssSelector("tr[data-field=title]")).getAttribute("class"))
			.doesNotContain("differs");

		clickAndWait(visible("publish"));
		assertThat(this.browser.getCurrentUrl()).endsWith("/admin/courses/DEMOX/publish");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("2 fields change");
		assertThat(publicEnrollmentCount()).isEqualTo(40);
		clickAndWait(visible("confirm-publish"));

		assertThat(visible("published").getText()).startsWith("Published");
		assertThat(this.browser.findElements(By.cssSelector("table.diff tr.differs"))).isEmpty();
		assertThat(publicEnrollmentCount()).isEqualTo(75);
		assertThat(this.db.unpublishedChanges("DEMOX")).isFalse();
	}

	@Test
	void searchesCoursesByTitleWordsAndShowsABadCodePrefixBesideItsField() {
		logIn(ADMIN, ADMIN_PASSWORD);
		open("/admin/courses");
		visible("q").sendKeys("anoth");
		clickAndWait(this.browser.findElement(By.cssSelector("form[role=search] button")));
		assertThat(this.browser.findElements(By.cssSelector("#courses tbody tr td:first-child")))
			.extracting(WebElement::getText)
			.containsExactly("OTHER");
		open("/admin/courses?published=true");
		assertThat(this.browser.findElements(By.cssSelector("#courses tbody tr td:first-child")))
			.extracting(WebElement::getText)
			.containsExactly("DEMOX");
		open("/admin/courses?code_prefix=%21%21");
		assertThat(visible("code_prefix-error").getText()).contains("Invalid 'code_prefix'");
		assertThat(visible("code_prefix").getAttribute("aria-describedby")).isEqualTo("code_prefix-error");
	}

	@Test
	void offersAViewerNoWrite() {
		logIn("viewer", "test-viewer-password");
		open("/admin/courses/DEMOX");
		assertThat(visible("unpublished-changes").getText()).isEqualTo("Unpublished changes");
		assertThat(this.browser.findElements(By.id("publish"))).isEmpty();
		assertThat(this.browser.findElements(By.cssSelector("#course-form button[type=submit]"))).isEmpty();
		assertThat(visible("title").isEnabled()).isFalse();
		open("/admin/courses/DEMOX/publish");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Forbidden");
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
	}

	private int publicEnrollmentCount() {
		HttpResponse<String> course = apiGet("/api/admin/courses/DEMOX");
		assertThat(course.statusCode()).isEqualTo(200);
		JsonNode publicRuns = JsonMapper.shared().readTree(course.body()).get("public_runs");
		assertThat(publicRuns).hasSize(1);
		return publicRuns.get(0).get("enrollment_count").asInt();
	}

	@Test
	void savesTheCourseFieldsAndShowsABadValueBesideItsField() {
		logIn(ADMIN, ADMIN_PASSWORD);
		open("/admin/courses/OTHER");
		WebElement title = visible("title");
		title.clear();
		title.sendKeys("Another course, renamed");
		visible("max_effort").sendKeys("6");
		clickAndWait(this.browser.findElement(By.cssSelector("#course-form button[type=submit]")));
		assertThat(visible("saved").getText()).isEqualTo("Saved.");
		assertThat(this.jdbc.queryForMap("SELECT title, max_effort FROM course WHERE code = 'OTHER'"))
			.containsEntry("title", "Another course, renamed")
			.containsEntry("max_effort", 6);

		WebElement minEffort = visible("min_effort");
		minEffort.sendKeys("two");
		WebElement renamed = visible("title");
		renamed.clear();
		renamed.sendKeys("Not saved");
		clickAndWait(this.browser.findElement(By.cssSelector("#course-form button[type=submit]")));
		WebElement error = visible("min_effort-error");
		assertThat(error.getText()).contains("Expected an integer from 0 to 2147483647.");
		// Beside its field: in the same field group, named by the input's
		// aria-describedby.
		assertThat(visible("min_effort").getAttribute("aria-describedby")).isEqualTo("min_effort-error");
		assertThat(visible("min_effort").getAttribute("value")).isEqualTo("two");
		assertThat(this.browser.findElements(By.cssSelector(".field-error"))).hasSize(1);
		assertThat(this.jdbc.queryForMap("SELECT title, min_effort FROM course WHERE code = 'OTHER'"))
			.containsEntry("title", "Another course, renamed")
			.containsEntry("min_effort", null);
	}

}
