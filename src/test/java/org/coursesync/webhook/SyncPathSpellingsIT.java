package org.coursesync.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.coursesync.support.HttpIT;
import org.coursesync.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every spelling of the sync path that the container or Spring MVC would map to the sync
 * endpoint (percent-escapes, path parameters, empty and dot segments) meets the signature
 * check first: unsigned, it gets 403 (or the container's own 400), never reaches the
 * controller, stores nothing and logs no error.
 */
@ExtendWith(OutputCaptureExtension.class)
class SyncPathSpellingsIT extends HttpIT {

	static final String ITEM = """
			{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/", "languages": ["en"]}""";

	/** Spellings the gate itself must answer 403. */
	static final List<String> SPELLINGS = List.of("/api/1.0/%63ourse-runs-sync", "/api/v1.0/%63%6F%75rse-runs-sync/",
			"/api/%31.0/course-runs-sync", "/api/%761.0/course-runs-sync", "/%61pi/1.0/course-runs-sync",
			"/api/1.0/course-runs-sync;x=y", "/api/1.0/course-runs-sync/;jsessionid=1",
			"/api;a=b/v1.0/course-runs-sync", "//api/1.0/course-runs-sync", "/api//1.0/course-runs-sync",
			"/api/./1.0/course-runs-sync", "/api/1.0/./course-runs-sync", "/api/x/../1.0/course-runs-sync",
			"/api/1.0/course-runs-sync/.", "/api/1.0/%2e/course-runs-sync");

	/** Spellings the container may refuse itself, before any filter. */
	static final List<String> REFUSED_OR_GATED = List.of("/api/1.0/course-runs-sync%3Bx",
			"/api/1.0/course-runs-sync%2F", "/api/1.0%2Fcourse-runs-sync", "/api/1.0/course-runs-sync%00",
			"/api/1.0/course-runs-sync%", "/api/1.0/course-runs-sync\\", "/api/1.0/%2e%2e/1.0/course-runs-sync");

	@BeforeEach
	void setUp() {
		this.db.course("DEMOX", "Demo");
	}

	@Test
	void checksTheSignatureOfEverySpelling(CapturedOutput output) throws IOException {
		List<String> failures = new ArrayList<>();
		for (String path : SPELLINGS) {
			RawHttp.Response response = post(path);
			if (response.status() != 403 || !response.body().equals("\"Missing authentication.\"")) {
				failures.add(path + " -> " + response.status() + " " + response.body());
			}
		}
		for (String path : REFUSED_OR_GATED) {
			RawHttp.Response response = post(path);
			boolean gated = response.status() == 403 && response.body().equals("\"Missing authentication.\"");
			boolean refused = response.status() == 400 || response.status() == 404;
			if (!gated && !refused) {
				failures.add(path + " -> " + response.status() + " " + response.body());
			}
		}
		assertThat(failures).isEmpty();
		assertThat(this.db.events()).isEmpty();
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(output.getAll().lines().filter((line) -> line.matches("^\\S+\\s+ERROR\\b.*"))).as("no error logged")
			.isEmpty();
	}

	@Test
	void servesASignedRequestOnAnEncodedSpelling() {
		assertThat(http.sync("/api/1.0/%63ourse-runs-sync", ITEM).statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).hasSize(1);
	}

	private RawHttp.Response post(String path) throws IOException {
		byte[] body = ITEM.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n";
		return RawHttp.send(this.port, head.getBytes(StandardCharsets.ISO_8859_1), body);
	}

}
