package org.coursesync.system;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-built error bodies are byte for byte what Jackson writes for the same members,
 * so that a filter's answer cannot differ from a controller's.
 */
class ErrorJsonTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String[] TEXTS = { "Invalid version in URL path.", "Method \"GET\" not allowed.",
			"back\\slash", "line\nbreak\r\ttab\b\f", "control \u0001\u001f end", "été ✓ \u007f" };

	@Test
	void writesDetailBodiesAsJackson() {
		for (String text : TEXTS) {
			assertThat(ErrorJson.detail(text)).isEqualTo(json.writeValueAsString(Map.of("detail", text)));
		}
	}

	@Test
	void writesProblemsWithTheAdminApiMembersInOrder() {
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

}
