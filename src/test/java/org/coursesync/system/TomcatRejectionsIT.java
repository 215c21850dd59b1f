package org.coursesync.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.coursesync.support.HttpIT;
import org.coursesync.support.OpenSocket;
import org.coursesync.support.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Tomcat refuses before the application sees them are answered in JSON, never
 * with Tomcat's HTML page: {@code {"detail": ...}} (the sync endpoint's shape) on the
 * sync path and unknown paths, an RFC 9457 problem on admin paths.
 */
class TomcatRejectionsIT extends HttpIT {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String ADMIN_LOGIN = "Authorization: Basic "
			+ Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));

	@Test
	void answersAMalformedRequestLineOnTheSyncPathInJson() throws IOException {
		assertDetail(send("POST /api/1.0/course-runs-sync x HTTP/1.1\r\nHost: localhost\r\n"));
	}

	@Test
	void answersAHeaderLineWithoutAColonInJson() throws IOException {
		assertDetail(send("POST /api/1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n"));
	}

	@Test
	void answersAControlCharacterInAHeaderValueInJson() throws IOException {
		assertDetail(send("POST /api/1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nX-Odd: a\u0001b\r\n"));
	}

	@Test
	void answersHeadersOverTheSizeLimitInJson() throws IOException {
		assertDetail(send(
				"POST /api/1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9000) + "\r\n"));
	}

	@Test
	void answersCharactersNotAllowedInAUriInJson() throws IOException {
		assertDetail(send("GET /api/1.0/course-runs-sync{} HTTP/1.1\r\nHost: localhost\r\n"));
		assertDetail(send("GET /api/1.0/%00/course-runs-sync HTTP/1.1\r\nHost: localhost\r\n"));
	}

	@Test
	void answersAnUnknownHttpVersionWithA400InJson() throws IOException {
		try (OpenSocket socket = OpenSocket.connect(this.port)) {
			OpenSocket.End end = socket.write("GET /api/1.0/course-runs-sync HTTP/7.3\r\nHost: localhost\r\n\r\n")
				.awaitEnd(Duration.ofSeconds(15));
			assertDetail(new RawHttp.Response(end.status(), end.head(), end.body()));
		}
	}

	@Test
	void answersAMalformedAdminRequestWithAProblem() throws IOException {
		RawHttp.Response response = send(
				"GET /api/admin/courses HTTP/1.1\r\nHost: localhost\r\n" + ADMIN_LOGIN + "\r\nNo colon here\r\n");
		assertThat(response.status()).isEqualTo(400);
		assertThat(contentType(response)).isEqualTo("application/problem+json;charset=UTF-8");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("detail").asString()).isEqualTo(JsonErrorReportValve.MALFORMED);
	}

	private RawHttp.Response send(String head) throws IOException {
		return RawHttp.send(this.port, head.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
	}

	private static void assertDetail(RawHttp.Response response) {
		assertThat(response.status()).as(response.head()).isEqualTo(400);
		assertThat(contentType(response)).isEqualTo("application/json;charset=UTF-8");
		JsonNode body = json.readTree(response.body());
		assertThat(body.propertyNames()).containsExactly("detail");
		assertThat(body.get("detail").asString()).isEqualTo(JsonErrorReportValve.MALFORMED);
	}

	private static String contentType(RawHttp.Response response) {
		return response.head()
			.lines()
			.filter((line) -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
			.map((line) -> line.substring(13).trim())
			.findFirst()
			.orElse("");
	}

}
