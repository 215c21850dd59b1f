package org.coursesync.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-built error bodies are byte for byte what Jackson writes for the same members,
 * so that a filter's answer cannot differ from a controller's.
 */
class ErrorJsonTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * What Spring MVC writes the admin API's problems with: Boot's mapper carries this
	 * mix-in.
	 */
	private static final JsonMapper mvc = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	private static final String[] TEXTS = { "Invalid version in URL path.", "Method \"GET\" not allowed.",
			"back\\slash", "line\nbreak\r\ttab\b\f", "control \u0001\u001f end", "été ✓ \u007f" };

	@Test
	void writesDetailBodiesAsJackson() {
		for (String text : TEXTS) {
			assertThat(ErrorJson.detail(text)).isEqualTo(json.writeValueAsString(Map.of("detail", text)));
		}
	}

	@Test
	void writesTypeFirstProblemsAsJacksonWritesTheirMembers() {
		for (String text : TEXTS) {
			Map<String, Object> members = new LinkedHashMap<>();
			members.put("type", "about:blank");
			members.put("title", "Unauthorized");
			members.put("status", 401);
			members.put("detail", text);
			members.put("request_id", "trace-1");
			assertThat(ErrorJson.problem(401, text, "trace-1")).isEqualTo(json.writeValueAsString(members));
		}
		assertThat(ErrorJson.problem(400, "Bad.", null))
			.isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Bad.\"}");
	}

	@Test
	void writesBareStringsAsJackson() {
		for (String text : TEXTS) {
			assertThat(ErrorJson.string(text)).isEqualTo(json.writeValueAsString(text));
		}
	}

	@Test
	void writesMvcProblemsAsSpringMvcWritesAProblemDetail() {
		for (String text : TEXTS) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, text);
			assertThat(ErrorJson.mvcProblem(400, text, null)).isEqualTo(mvc.writeValueAsString(problem));
			problem.setProperty("request_id", "trace-1");
			assertThat(ErrorJson.mvcProblem(400, text, "trace-1")).isEqualTo(mvc.writeValueAsString(problem));
		}
		ProblemDetail forbidden = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Needs \"admin\".");
		forbidden.setInstance(URI.create("/api/admin/courses/D%C3%A9mo"));
		forbidden.setProperty("required_role", "admin");
		forbidden.setProperty("request_id", "trace-1");
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("required_role", "admin");
		properties.put("request_id", "trace-1");
		assertThat(ErrorJson.mvcProblem(403, "Needs \"admin\".", "/api/admin/courses/D%C3%A9mo", properties))
			.isEqualTo(mvc.writeValueAsString(forbidden));
		// The bytes the admin API answers today, member for member.
		assertThat(ErrorJson.mvcProblem(400, "Bad.", "trace-1"))
			.isEqualTo("{\"detail\":\"Bad.\",\"status\":400,\"title\":\"Bad Request\",\"request_id\":\"trace-1\"}");
	}

	@Test
	void writesTheLoginThrottleProblemAsBefore() {
		String detail = "Too many failed admin logins from this address: retry in 25 seconds.";
		assertThat(ErrorJson.problem(429, detail, null))
			.isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"" + detail
					+ "\"}");
	}

}
