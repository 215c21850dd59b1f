package org.coursesync.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code coursesync.require-timestamp: true}: a request without a signed timestamp is
 * refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "coursesync.require-timestamp=true")
class RequiredTimestampIT extends ReplayProtectionIT {

	@Test
	@Override
	void keepsRichieSignaturesWorkingWithoutTheHeader() {
		HttpResponse<String> response = this.http.sync(BODY);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("\"Invalid authentication.\"");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(at(0).statusCode()).isEqualTo(200);
	}

}
