package org.coursesync.reconciliation;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.coursesync.support.BrowserTest;
import org.coursesync.support.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's reconciliation page in a real browser, against Open edX as a real HTTP
 * server ({@link FakeOpenEdx}): an admin starts one and reads its report; a viewer reads
 * the reports without the start button.
 */
class ReconciliationPageIT extends BrowserTest {

	static final FakeOpenEdx lms = new FakeOpenEdx();

	static final String DRAFT = "https://draft.lms";

	static final String A = "course-v1:edX+A+1";

	static final String Z = "course-v1:edX+Z+1";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void backends(DynamicPropertyRegistry registry) {
		String b = "coursesync.lms-backends";
		lms.registerDraftBackend(registry, b + "[0]", DRAFT);
		registry.add("coursesync.reconciliation-check", () -> "1h");
	}

	@BeforeEach
	void aRunThatDriftedFromTheLms() {
		this.jdbc.update("DELETE FROM reconciliation_lease");
		this.jdbc.update("DELETE FROM reconciliation");
		this.db.publishCourse(this.db.course("A", "Course A"));
		HttpResponse<String> response = this.http
			.sync("""
					{"resource_link": "%s/courses/%s/info", "start": "2030-01-01T00:00:00Z", "end": "2030-06-01T00:00:00Z", \
					"enrollment_start": "%s", "languages": ["en"]}"""
				.formatted(DRAFT, A, FakeOpenEdx.ENROLLMENT_START));
		assertThat(response.statusCode()).isEqualTo(200);
		lms.serve(2, FakeOpenEdx.course(A, "2030-03-01T00:00:00Z", "2030-12-01T00:00:00Z", false),
				FakeOpenEdx.course(Z, "2030-03-01T00:00:00Z", null, false));
	}

	@Test
	void anAdminStartsOneAndReadsItsReportAViewerHasNoStartButton() throws Exception {
		logIn(ADMIN, ADMIN_PASSWORD);
		open("/admin/reconciliations");
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("No reconciliation yet.");
		new Select(this.browser.findElement(By.id("lms_backend"))).selectByValue(DRAFT);
		clickAndWait(this.browser.findElement(By.cssSelector("#start-reconciliation button[type=submit]")));
		assertThat(visible("notice").getText()).isEqualTo("Reconciliation started.");
		String id = this.browser.getCurrentUrl().replaceAll(".*/admin/reconciliations/", "");
		JsonNode report = finished(id);
		assertThat(report.get("trigger").asString()).isEqualTo("admin");

		this.browser.navigate().refresh();
		assertThat(visible("report-status").getText()).isEqualTo("finished");
		assertThat(visible("courses-seen").getText()).isEqualTo("2");
		assertThat(visible("runs-updated").getText()).isEqualTo("1");
		assertThat(this.browser.findElements(By.cssSelector("#not-in-catalog li")).stream().map(WebElement::getText))
			.containsExactly(Z);
		assertThat(this.browser.findElement(By.id("report")).getText()).contains("admin", "complete");

		this.browser.manage().deleteAllCookies();
		logIn("viewer", "test-viewer-password");
		open("/admin/reconciliations");
		List<WebElement> rows = this.browser.findElements(By.cssSelector("#reports tbody tr"));
		assertThat(rows).hasSize(1);
		assertThat(rows.get(0).getAttribute("data-id")).isEqualTo(id);
		assertThat(rows.get(0).findElement(By.cssSelector(".status")).getText()).isEqualTo("finished");
		assertThat(this.browser.findElements(By.id("start-reconciliation"))).isEmpty();
		assertThat(this.browser.findElements(By.id("lms_backend"))).isEmpty();
	}

	private JsonNode finished(String id) throws InterruptedException {
		JsonNode[] report = new JsonNode[1];
		Poll.until("the reconciliation to end", Duration.ofSeconds(60), () -> {
			HttpResponse<String> response = apiGet("/api/admin/reconciliations/" + id);
			assertThat(response.statusCode()).isEqualTo(200);
			report[0] = JSON.readTree(response.body());
			return !report[0].get("status").asString().equals("running");
		});
		assertThat(report[0].get("status").asString()).isEqualTo("finished");
		return report[0];
	}

}
