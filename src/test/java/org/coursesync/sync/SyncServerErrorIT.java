package org.coursesync.sync;

import java.net.http.HttpResponse;

import org.coursesync.support.HttpIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;

/**
 * An unexpected failure behind the signature check is answered in the sync endpoint's own
 * shape, not by the container's error page (which belongs to the admin side).
 */
class SyncServerErrorIT extends HttpIT {

	static final String ITEM = """
			{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/", "languages": ["en"]}""";

	@MockitoBean
	CourseRunSync sync;

	@BeforeEach
	void setUp() {
		this.db.course("DEMOX", "Demo");
	}

	@Test
	void answersAnUnexpectedFailureWith500InTheEndpointsShape() {
		given(this.sync.sync(any(), anyInt())).willThrow(new IllegalStateException("unexpected"));
		HttpResponse<String> response = this.http.sync(ITEM);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"detail\":\"A server error occurred.\"}");
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void answersAnErrorSentBehindTheGateInTheEndpointsShape() {
		// Signed, so it passes the gate; the dot segment is then refused behind it (by
		// Spring Security's firewall or the MVC mapping) with sendError.
		HttpResponse<String> response = this.http.sync("/api/1.0/./course-runs-sync", ITEM);
		assertThat(response.statusCode()).isBetween(400, 404);
		assertThat(response.body()).matches("\\{\"detail\":\"[^\"]+\\.\"\\}");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).isEmpty();
	}

}
