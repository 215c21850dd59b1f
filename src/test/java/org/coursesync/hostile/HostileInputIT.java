package org.coursesync.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.coursesync.support.HttpIT;
import org.coursesync.support.RawHttp;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every request of {@code hostile/corpus.jsonl} (malformed JSON, wrong types, bad
 * encodings, odd headers and methods on every path...) over a raw socket: never a 5xx,
 * never a stack trace or class name, never a write without a valid signature, and data
 * unchanged after every rejected request.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "coursesync.max-body-size=64KB")
@ExtendWith(OutputCaptureExtension.class)
class HostileInputIT extends HttpIT {

	static final Pattern LEAK = Pattern.compile(
			"(Exception|\\bat [a-z]+\\.[a-z]+\\.|org\\.springframework|org\\.hibernate|org\\.apache|tools\\.jackson|java\\.lang|jakarta\\.)");

	/**
	 * An ERROR line logged by a request thread (Tomcat's "...-exec-N"): other contexts of
	 * the test JVM may log from their own background threads meanwhile.
	 */
	static final Pattern SERVER_ERROR_LOG = Pattern.compile("^\\S+\\s+ERROR\\b.*-exec-\\d+\\]");

	@Test
	void survivesTheWholeCorpus(CapturedOutput output) throws IOException {
		db.course("DEMOX", "Demo");
		List<JsonNode> corpus = corpus();
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
		List<String> failures = new ArrayList<>();
		for (JsonNode entry : corpus) {
			String before = snapshot();
			int eventsBefore = db.count("sync_event");
			byte[] body = Base64.getDecoder().decode(entry.get("body_b64").asString());
			RawHttp.Response response = RawHttp.send(this.port, head(entry, body), body);
			String name = entry.get("name").asString();
			if (response.status() == 0 || response.status() >= 500) {
				failures
					.add(name + ": status " + response.status() + " " + response.head().lines().findFirst().orElse(""));
			}
			if (LEAK.matcher(response.body()).find()) {
				failures.add(name + ": leaks internals: "
						+ response.body().substring(0, Math.min(200, response.body().length())));
			}
			boolean signed = entry.get("sign").asBoolean();
			if (response.status() != 200 && !snapshot().equals(before)) {
				failures.add(name + ": rejected with " + response.status() + " but changed courses or runs");
			}
			if (!signed && db.count("sync_event") != eventsBefore) {
				failures.add(name + ": unsigned request wrote a history row");
			}
		}
		assertThat(failures).isEmpty();
		assertThat(output.getAll().lines().filter((line) -> SERVER_ERROR_LOG.matcher(line).find()))
			.as("no request of the corpus is logged as a server error")
			.isEmpty();
	}

	private String snapshot() {
		return this.jdbc.queryForList("SELECT * FROM course ORDER BY id").toString()
				+ this.jdbc.queryForList("SELECT * FROM course_run ORDER BY id")
				+ this.jdbc.queryForList("SELECT * FROM course_run_public ORDER BY id")
				+ this.jdbc.queryForList("SELECT * FROM course_public ORDER BY course_id");
	}

	private static byte[] head(JsonNode entry, byte[] body) {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		String method = entry.get("method").asString();
		String path = entry.get("path").asString();
		write(head, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
		String contentType = entry.get("content_type").asString();
		if (!contentType.isEmpty() && body.length > 0) {
			write(head, "Content-Type: " + contentType + "\r\n");
		}
		write(head, "Content-Length: " + body.length + "\r\n");
		if (entry.get("sign").asBoolean()) {
			write(head, "Authorization: " + SignatureVerifier.sign(TestHttp.SECRET, body) + "\r\n");
		}
		for (JsonNode header : entry.get("headers")) {
			write(head, header.get(0).asString() + ": " + header.get(1).asString() + "\r\n");
		}
		head.writeBytes(Base64.getDecoder().decode(entry.get("raw_header_b64").asString()));
		return head.toByteArray();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	private static List<JsonNode> corpus() throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> entries = new ArrayList<>();
		try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/corpus.jsonl")) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank()) {
					entries.add(json.readTree(line));
				}
			}
		}
		return entries;
	}

}
