package org.coursesync.sync;

import java.net.http.HttpResponse;

import org.coursesync.support.Database;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;

/**
 * An unexpected failure behind the signature check is answered in the sync endpoint's own
 * shape, not by the container's error page (which belongs to the admin side).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SyncServerErrorIT {

	static final String ITEM = "{\"resource_link\": \"http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/\", "
			+ "\"languages\": [\"en\"]}";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@MockitoBean
	CourseRunSync sync;

	@BeforeEach
	void setUp() {
		Database db = new Database(this.jdbc);
		db.reset();
		db.course("DEMOX", "Demo");
	}

	@Test
	void answersAnUnexpectedFailureWith500InTheEndpointsShape() {
		given(this.sync.sync(any(), anyInt())).willThrow(new IllegalStateException("unexpected"));
		HttpResponse<String> response = new TestHttp(this.port).sync(ITEM);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"detail\":\"A server error occurred.\"}");
		assertThat(new Database(this.jdbc).draftRuns()).isEmpty();
	}

	@Test
	void answersAnErrorSentBehindTheGateInTheEndpointsShape() {
		// Signed, so it passes the gate; the dot segment is then refused behind it (by
		// Spring Security's firewall or the MVC mapping) with sendError.
		HttpResponse<String> response = new TestHttp(this.port).sync("/api/1.0/./course-runs-sync", ITEM);
		assertThat(response.statusCode()).isBetween(400, 404);
		assertThat(response.body()).matches("\\{\"detail\":\"[^\"]+\\.\"\\}");
		assertThat(new Database(this.jdbc).draftRuns()).isEmpty();
		assertThat(new Database(this.jdbc).events()).isEmpty();
	}

}
