package org.coursesync.support;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The base of the admin console's browser tests: an {@link HttpIT} (the application on a
 * random port, test profile, the database emptied before each test) with a headless
 * Chromium in {@link #browser} ({@link BrowserExtension}), and the steps every page test
 * takes: open a page, log in, read the HTTP API.
 */
@ExtendWith(BrowserExtension.class)
public abstract class BrowserTest extends HttpIT {

	/** The test profile's admin (role ADMIN). */
	protected static final String ADMIN = "admin";

	protected static final String ADMIN_PASSWORD = "test-admin-password";

	/** Set by {@link BrowserExtension} before each test; cookies cleared. */
	protected WebDriver browser;

	/** The test server's URL of {@code path}. */
	protected String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** Opens {@code path} (e.g. {@code /admin/courses}). */
	protected void open(String path) {
		this.browser.get(url(path));
	}

	/** Logs in through the login form, and waits for the page it leads to. */
	protected void logIn(String username, String password) {
		open("/admin/login");
		this.browser.findElement(By.id("username")).sendKeys(username);
		this.browser.findElement(By.id("password")).sendKeys(password);
		String login = this.browser.getCurrentUrl();
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor((driver) -> !login.equals(driver.getCurrentUrl()));
	}

	/** The element with {@code id}, once it is visible. */
	protected WebElement visible(String id) {
		return new WebDriverWait(this.browser, Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
	}

	/** Clicks {@code element} and waits for the next page to replace this one. */
	protected void clickAndWait(WebElement element) {
		element.click();
		new WebDriverWait(this.browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(element));
	}

	protected void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
		new WebDriverWait(this.browser, Duration.ofSeconds(20)).until(condition::apply);
	}

	/** The admin API's answer to a GET (HTTP Basic, the test admin). */
	protected HttpResponse<String> apiGet(String path) {
		return this.http.adminGet(path);
	}

	/** Saves what the browser shows as a PNG. */
	protected void screenshot(Path file) throws java.io.IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.write(file, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
	}

}
