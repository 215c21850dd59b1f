package org.coursesync.course;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./mvnw spring-boot:run} gives a newcomer: the dev profile's secret, admin
 * and sample courses (here on an in-memory H2 instead of the file).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.datasource.url=jdbc:h2:mem:devprofile;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1" })
@ActiveProfiles("dev")
class DevProfileIT {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void createsSampleCoursesAndAcceptsTheReadmeRequest() {
		assertThat(this.jdbc.queryForList("SELECT code FROM course ORDER BY code", String.class))
			.containsExactly("DEMOX", "E2E-101");
		String body = """
				{"resource_link": "https://localhost:18000/courses/course-v1:edX+DemoX+Demo_Course/info", \
				"start": "2030-01-01T00:00:00+00:00", "languages": ["en"], "enrollment_count": 42}""";
		HttpResponse<String> response = new TestHttp(this.port)
			.send(HttpRequest.newBuilder(new TestHttp(this.port).uri("/api/1.0/course-runs-sync"))
				.header("Content-Type", "application/json")
				.header("Authorization", SignatureVerifier.sign("dev-secret", body.getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"success\":true}");
		assertThat(this.jdbc.queryForObject("SELECT r.enrollment_count FROM course_run r JOIN course c "
				+ "ON c.id = r.course_id WHERE c.code = 'DEMOX'", Integer.class))
			.isEqualTo(42);
	}

	@Test
	void givesTheConsoleADraftToReview() {
		assertThat(this.jdbc.queryForObject("SELECT unpublished_changes FROM course WHERE code = 'E2E-101'",
				Boolean.class))
			.isTrue();
		// One run differs from its public copy, one was never published.
		assertThat(this.jdbc.queryForList("SELECT r.title FROM course_run r JOIN course c ON c.id = r.course_id "
				+ "WHERE c.code = 'E2E-101' ORDER BY r.title", String.class))
			.containsExactly("Autumn cohort", "Spring cohort");
		assertThat(this.jdbc.queryForList("SELECT p.title, p.enrollment_count FROM course_run_public p "
				+ "JOIN course c ON c.id = p.course_id WHERE c.code = 'E2E-101'"))
			.singleElement()
			.satisfies((copy) -> {
				assertThat(copy.get("title")).isEqualTo("Spring cohort (provisional)");
				assertThat(copy.get("enrollment_count")).isEqualTo(95);
			});
		HttpResponse<String> login = new TestHttp(this.port)
			.send(HttpRequest.newBuilder(new TestHttp(this.port).uri("/admin/")).GET());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/admin/login"));
	}

}
