package org.coursesync.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.coursesync.webhook.SignatureVerifier;
import org.coursesync.webhook.WebhookProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark's "framework ceiling": verifies the signature and parses the JSON, then
 * answers, with no database. Exists only in the {@code bench} profile.
 */
@Profile("bench")
@RestController
class TrivialSyncController {

	private final SignatureVerifier verifier;

	private final JsonMapper json = JsonMapper.builder().build();

	TrivialSyncController(WebhookProperties properties) {
		this.verifier = new SignatureVerifier(properties.secrets());
	}

	@PostMapping("/bench/trivial-sync")
	ResponseEntity<Map<String, Object>> sync(HttpServletRequest request) throws IOException {
		byte[] body = request.getInputStream().readAllBytes();
		String authorization = request.getHeader("Authorization");
		if (authorization == null
				|| this.verifier.verify(authorization.getBytes(StandardCharsets.ISO_8859_1), new byte[0], body)
					.isEmpty()) {
			return ResponseEntity.status(401).build();
		}
		JsonNode node = this.json.readTree(body);
		return ResponseEntity.ok(Map.of("success", node.has("resource_link")));
	}

}
