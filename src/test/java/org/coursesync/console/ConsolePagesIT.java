package org.coursesync.console;

import java.net.http.HttpResponse;
import java.util.List;

import org.coursesync.richie.RichieDateTimes;
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
 * The console's run page and sync history in a real browser: an edit checked by the sync
 * rules (the error beside its field, nothing stored), a valid edit stored, the history
 * filtered by outcome and course.
 */
class ConsolePagesIT extends BrowserTest {

	static final String EDITOR = "editor";

	static final String EDITOR_PASSWORD = "test-editor-password";

	static final String DEMO_LINK = "https://draft.lms/courses/course-v1:edX+DemoX+01/course/";

	static final String OTHER_LINK = "https://draft.lms/courses/course-v1:edX+Other+01/course/";

	static final JsonMapper JSON = JsonMapper.builder().build();

	String runId;

	@BeforeEach
	void twoCoursesSyncedTwice() {
		this.db.course("DEMOX", "Demo");
		this.db.course("OTHER", "Another course");
		// The draft LMS syncs to drafts: each run created, published, then updated.
		sync(DEMO_LINK, 40);
		sync(OTHER_LINK, 10);
		assertThat(this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
		sync(DEMO_LINK, 75);
		sync(OTHER_LINK, 11);
		this.runId = this.jdbc.queryForObject("SELECT id FROM course_run WHERE resource_link = ?", String.class,
				DEMO_LINK);
	}

	private void sync(String link, int enrollments) {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "start": "2031-01-01T00:00:00Z", "end": "2031-06-30T00:00:00Z", \
				"enrollment_start": "2030-12-01T00:00:00Z", "languages": ["en"], "enrollment_count": %d}"""
			.formatted(link, enrollments));
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private JsonNode apiRun() {
		HttpResponse<String> response = apiGet("/api/admin/course-runs/" + this.runId);
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private void type(String id, String text) {
		WebElement input = this.browser.findElement(By.id(id));
		input.clear();
		input.sendKeys(text);
	}

	@Test
	void showsAnInvalidDateBesideItsFieldAndStoresNothing() {
		JsonNode before = apiRun();
		logIn(EDITOR, EDITOR_PASSWORD);
		open("/admin/runs/" + this.runId);
		type("start", "not a date");
		type("enrollment_count", "80");
		clickAndWait(this.browser.findElement(By.cssSelector("#run-edit button[type=submit]")));

		WebElement error = visible("start-error");
		assertThat(error.getText()).isEqualTo(RichieDateTimes.WRONG_FORMAT);
		// Beside its field: in the same group as the input, which it describes.
		WebElement field = this.browser.findElement(By.xpath("//input[@id='start']/ancestor::div[1]"));
		assertThat(field.findElement(By.id("start-error")).getText()).isEqualTo(error.getText());
		WebElement start = this.browser.findElement(By.id("start"));
		assertThat(start.getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(start.getAttribute("aria-describedby")).isEqualTo("start-error");
		assertThat(start.getAttribute("value")).isEqualTo("not a date");
		assertThat(this.browser.findElements(By.cssSelector(".field-error"))).hasSize(1);

		// Nothing stored: neither the bad date nor the valid field sent with it.
		assertThat(apiRun()).isEqualTo(before);
	}

	@Test
	void storesAValidEditAndMarksItAgainstThePublicCopy() {
		logIn(EDITOR, EDITOR_PASSWORD);
		open("/admin/runs/" + this.runId);
		type("start", "2031-02-03T04:05:06Z");
		type("title", "Spring session");
		new Select(this.browser.findElement(By.id("sync_mode"))).selectByValue("manual");
		clickAndWait(this.browser.findElement(By.cssSelector("#run-edit button[type=submit]")));

		assertThat(visible("notice").getText()).isEqualTo("Saved: sync_mode, title, start.");
		JsonNode run = apiRun().get("run");
		assertThat(run.get("start").asString()).isEqualTo("2031-02-03T04:05:06Z");
		assertThat(run.get("title").asString()).isEqualTo("Spring session");
		assertThat(run.get("sync_mode").asString()).isEqualTo("manual");
		assertThat(run.get("enrollment_count").asInt()).isEqualTo(75);
		assertThat(this.db.unpublishedChanges("DEMOX")).isTrue();
		List<String> differing = this.browser.findElements(By.cssSelector("#copies tr.differs"))
			.stream()
			.map((row) -> row.getAttribute("data-field"))
			.toList();
		assertThat(differing).containsExactly("sync_mode", "title", "start", "enrollment_count");
		// The run's own history: its two syncs, newest first.
		assertThat(this.browser.findElements(By.cssSelector("#run-history table.events > tbody > tr"))
			.stream()
			.map((row) -> row.getAttribute("data-outcome"))
			.toList()).containsExactly("updated", "created");

		// The audit log: who made the edit, and each changed field before and after.
		open("/admin/audit");
		assertThat(this.browser.findElements(By.cssSelector("#audit-events > tbody > tr[data-user=editor]")))
			.hasSize(1);
		// Filtered by user and action: the publish the admin made through the API is left
		// out.
		new Select(this.browser.findElement(By.id("action"))).selectByValue("run.update");
		type("user", EDITOR);
		clickAndWait(this.browser.findElement(By.cssSelector("#audit-filters button[type=submit]")));
		List<WebElement> events = this.browser.findElements(By.cssSelector("#audit-events > tbody > tr"));
		assertThat(events).hasSize(1);
		WebElement event = events.get(0);
		assertThat(event.findElement(By.cssSelector(".who")).getText()).isEqualTo(EDITOR);
		assertThat(event.findElement(By.cssSelector(".action")).getText()).isEqualTo("run.update");
		assertThat(event.getText()).contains("DEMOX", DEMO_LINK);
		WebElement start = event.findElement(By.cssSelector("tr[data-field=start]"));
		assertThat(start.findElement(By.cssSelector("td.before")).getText()).isEqualTo("2031-01-01T00:00:00Z");
		assertThat(start.findElement(By.cssSelector("td.after")).getText()).isEqualTo("2031-02-03T04:05:06Z");
		WebElement title = event.findElement(By.cssSelector("tr[data-field=title]"));
		assertThat(title.findElement(By.cssSelector("td.before")).getText()).isEqualTo("—");
		assertThat(title.findElement(By.cssSelector("td.after")).getText()).isEqualTo("Spring session");
		assertThat(event.findElements(By.cssSelector("tr[data-field]"))
			.stream()
			.map((row) -> row.getAttribute("data-field"))).containsExactlyInAnyOrder("sync_mode", "title", "start");
	}

	@Test
	void filtersTheHistoryByOutcomeAndCourse() {
		logIn(EDITOR, EDITOR_PASSWORD);
		open("/admin/history");
		assertThat(historyRows()).hasSize(4);
		new Select(this.browser.findElement(By.id("outcome"))).selectByValue("updated");
		type("course", "demox");
		clickAndWait(this.browser.findElement(By.cssSelector("#history-filters button[type=submit]")));

		List<WebElement> rows = historyRows();
		assertThat(rows).hasSize(1);
		WebElement row = rows.get(0);
		assertThat(row.getAttribute("data-outcome")).isEqualTo("updated");
		assertThat(row.getAttribute("data-course")).isEqualTo("DEMOX");
		WebElement change = row.findElement(By.cssSelector("tr[data-field=enrollment_count]"));
		assertThat(change.findElement(By.cssSelector("td.before")).getText()).isEqualTo("40");
		assertThat(change.findElement(By.cssSelector("td.after")).getText()).isEqualTo("75");
		// The filters stay in the form.
		assertThat(this.browser.findElement(By.id("course")).getAttribute("value")).isEqualTo("demox");

		new Select(this.browser.findElement(By.id("outcome"))).selectByValue("created");
		type("course", "");
		clickAndWait(this.browser.findElement(By.cssSelector("#history-filters button[type=submit]")));
		assertThat(historyRows()).extracting((created) -> created.getAttribute("data-course"))
			.containsExactlyInAnyOrder("DEMOX", "OTHER");
	}

	private List<WebElement> historyRows() {
		return this.browser.findElements(By.cssSelector("table.events > tbody > tr"));
	}

}
