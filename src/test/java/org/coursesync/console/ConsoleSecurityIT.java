package org.coursesync.console;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.TestClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's chain over plain HTTP: a strict Content-Security-Policy, CSRF tokens,
 * sessions in the database that the admin API never reads, failed logins throttled like
 * API logins. (Its own context: the throttle's state must not reach other tests; each
 * test starts a new window by moving the clock.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "coursesync.test-context=console-security")
@Import(TestClockConfiguration.class)
class ConsoleSecurityIT extends HttpIT {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");

	@Autowired
	MutableClock clock;

	@BeforeEach
	void newWindow() {
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(6)));
		this.jdbc.update("DELETE FROM spring_session");
	}

	@Test
	void servesConsolePagesWithAStrictContentSecurityPolicy() {
		HttpResponse<String> login = get("/admin/login", null);
		assertThat(login.statusCode()).isEqualTo(200);
		String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("default-src 'self'").doesNotContain("unsafe-inline").doesNotContain("http");
		assertThat(login.body()).doesNotContain("<script").doesNotContain("style=");
		assertThat(login.body()).contains("<label for=\"username\">", "<label for=\"password\">");
		HttpResponse<String> css = get("/admin/assets/console.css", null);
		assertThat(css.statusCode()).isEqualTo(200);
		assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> type.startsWith("text/css"));
		// The API description's UI keeps its own policy.
		assertThat(get("/api/admin/courses", null).headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((value) -> assertThat(value).contains("unsafe-inline"));
	}

	@Test
	void keepsSessionsInTheDatabaseAndTheApiIgnoresThem() {
		String session = logIn("test-admin-password");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM spring_session WHERE principal_name = 'admin'",
				Integer.class))
			.isEqualTo(1);
		HttpResponse<String> dashboard = get("/admin/", session);
		assertThat(dashboard.statusCode()).isEqualTo(200);
		assertThat(dashboard.body()).contains("Dashboard");
		// The admin API is HTTP Basic only: the console's session cookie does not log in.
		HttpResponse<String> api = get("/api/admin/courses", session);
		assertThat(api.statusCode()).isEqualTo(401);
		// Logging out ends the session in the database.
		HttpResponse<String> logout = post("/admin/logout", session, "_csrf=" + csrf("/admin/", session));
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(get("/admin/", session).statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM spring_session WHERE principal_name = 'admin'",
				Integer.class))
			.isZero();
	}

	@Test
	void refusesAWriteWithoutItsCsrfToken() {
		this.db.course("DEMOX", "Demo");
		String session = logIn("test-admin-password");
		HttpResponse<String> forged = post("/admin/courses/DEMOX", session, "title=Forged");
		assertThat(forged.statusCode()).isEqualTo(403);
		HttpResponse<String> publish = post("/admin/courses/DEMOX/publish", session, "");
		assertThat(publish.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT title FROM course WHERE code = 'DEMOX'", String.class))
			.isEqualTo("Demo");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM course_public", Integer.class)).isZero();
	}

	@Test
	void refusesAViewersForgedWritesAndLetsAnEditorPublish() {
		this.db.course("DEMOX", "Demo");
		String viewer = logIn("viewer", "test-viewer-password");
		// A valid CSRF token (from a page the viewer may read): only the role refuses.
		String token = csrf("/admin/courses/DEMOX", viewer);
		assertThat(post("/admin/courses/DEMOX/publish", viewer, "_csrf=" + token).statusCode()).isEqualTo(403);
		assertThat(post("/admin/courses/DEMOX", viewer, "title=Forged&_csrf=" + token).statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM course_public", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT title FROM course WHERE code = 'DEMOX'", String.class))
			.isEqualTo("Demo");
		String editor = logIn("editor", "test-editor-password");
		HttpResponse<String> published = post("/admin/courses/DEMOX/publish", editor,
				"_csrf=" + csrf("/admin/courses/DEMOX/publish", editor));
		assertThat(published.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM course_public", Integer.class)).isOne();
	}

	@Test
	void throttlesFailedLoginsLikeApiLogins() {
		String session = session();
		for (int i = 0; i < 10; i++) {
			HttpResponse<String> wrong = post("/admin/login", session,
					"username=admin&password=wrong&_csrf=" + csrf("/admin/login", session));
			assertThat(wrong.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/admin/login?error"));
		}
		HttpResponse<String> right = post("/admin/login", session,
				"username=admin&password=test-admin-password&_csrf=" + csrf("/admin/login", session));
		assertThat(right.statusCode()).isEqualTo(303);
		assertThat(right.headers().firstValue("Location")).hasValue("/admin/login?throttled");
		assertThat(get("/admin/", session).statusCode()).isEqualTo(302);
		assertThat(get("/admin/login?throttled", session).body()).contains("Too many failed logins");
		// The window ends: the right password works again.
		this.clock.set(this.clock.instant().plus(Duration.ofMinutes(6)));
		assertThat(logIn("test-admin-password")).isNotNull();
	}

	/** Logs in through the form; returns the session cookie's value. */
	private String logIn(String password) {
		return logIn("admin", password);
	}

	/** Logs {@code username} in through the form; returns the session cookie's value. */
	private String logIn(String username, String password) {
		String session = session();
		HttpResponse<String> login = post("/admin/login", session, "username=" + username + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf("/admin/login", session));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/admin/"));
		// A new session id after the login (no session fixation).
		return cookie(login).orElse(session);
	}

	/** A fresh session, from the login page. */
	private String session() {
		return cookie(get("/admin/login", null)).orElseThrow();
	}

	private String csrf(String path, String session) {
		Matcher matcher = CSRF.matcher(get(path, session).body());
		assertThat(matcher.find()).as("CSRF token on " + path).isTrue();
		return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
	}

	private static java.util.Optional<String> cookie(HttpResponse<String> response) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.map(SESSION::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.filter((value) -> !value.isEmpty())
			.findFirst();
	}

	private HttpResponse<String> get(String path, String session) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path)).GET();
		if (session != null) {
			request.header("Cookie", "SESSION=" + session);
		}
		return this.http.send(request);
	}

	private HttpResponse<String> post(String path, String session, String form) {
		return this.http.send(HttpRequest.newBuilder(this.http.uri(path))
			.header("Cookie", "SESSION=" + session)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

}
