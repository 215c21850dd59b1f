package org.coursesync.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Runs a test class in Debian's headless Chromium, driven through Debian's chromedriver
 * (named explicitly: Selenium Manager would try to download a browser). One browser per
 * class, its cookies cleared before each test. On a machine without them each test is
 * skipped, and one line at the end of the run names the packages to install and the
 * classes skipped.
 */
public final class BrowserExtension
		implements ExecutionCondition, BeforeAllCallback, TestInstancePostProcessor, BeforeEachCallback {

	/** Debian's Chromium; {@code -Dbrowser.chromium=...} tries another path. */
	public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));

	/** Debian's chromedriver; {@code -Dbrowser.chromedriver=...} tries another path. */
	public static final Path CHROMEDRIVER = Path
		.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BrowserExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		if (isInstalled()) {
			context.getStore(NAMESPACE)
				.computeIfAbsent(OpenBrowser.class, (key) -> new OpenBrowser(start()), OpenBrowser.class);
		}
	}

	private static boolean isInstalled() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
		OpenBrowser browser = context.getStore(NAMESPACE).get(OpenBrowser.class, OpenBrowser.class);
		if (testInstance instanceof BrowserTest test && browser != null) {
			test.browser = browser.driver();
		}
	}

	/**
	 * Without a browser, each test is skipped (the reports count it) and its class is
	 * named in the run's closing line.
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (context.getTestMethod().isEmpty() || isInstalled()) {
			return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
		}
		context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(SkippedClasses.class, (key) -> new SkippedClasses(), SkippedClasses.class)
			.add(context.getRequiredTestClass().getSimpleName());
		return ConditionEvaluationResult.disabled("No " + CHROMIUM + " or " + CHROMEDRIVER
				+ ": install the Debian packages chromium and chromium-driver");
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		context.getStore(NAMESPACE).get(OpenBrowser.class, OpenBrowser.class).driver().manage().deleteAllCookies();
	}

	private static WebDriver start() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// As root, Chromium refuses to start without --no-sandbox.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
		return driver;
	}

	/** The class's browser, quit when the class ends. */
	private record OpenBrowser(WebDriver driver) implements AutoCloseable {

		@Override
		public void close() {
			this.driver.quit();
		}

	}

	/** The classes skipped for want of a browser, told in one line when the run ends. */
	private static final class SkippedClasses implements AutoCloseable {

		private final Set<String> names = new LinkedHashSet<>();

		synchronized void add(String name) {
			this.names.add(name);
		}

		@Override
		public synchronized void close() {
			System.out.println("Browser tests skipped (" + String.join(", ", this.names)
					+ "): no Chromium; install the Debian packages chromium and chromium-driver "
					+ "(apt-get install chromium chromium-driver)");
		}

	}

}
