package org.coursesync.system;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;

import org.coursesync.support.HttpIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document lists every API endpoint the application maps, and the UI is
 * served.
 */
class OpenApiIT extends HttpIT {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void documentsEveryMappedApiPath() {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.http.uri("/v3/api-docs")).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode document = JsonMapper.builder().build().readTree(response.body());
		Set<String> documented = new TreeSet<>(document.get("paths").propertyNames());
		Set<String> mapped = new TreeSet<>();
		this.mappings.getHandlerMethods()
			.keySet()
			.forEach((info) -> info.getPatternValues()
				.stream()
				.filter((path) -> path.startsWith("/api/"))
				.forEach(mapped::add));
		assertThat(mapped).contains("/api/v1.0/course-runs-sync", "/api/1.0/catalogs/{catalog}/course-runs",
				"/api/admin/courses", "/api/admin/courses/{code}/publish", "/api/admin/sync-events",
				"/api/admin/audit-events");
		assertThat(documented).containsAll(mapped);
		JsonNode audit = document.get("paths").get("/api/admin/audit-events").get("get");
		assertThat(audit.get("parameters").findValuesAsString("name")).containsExactlyInAnyOrder("page", "size",
				"username", "action", "course", "since", "until");
		JsonNode sync = document.get("paths").get("/api/v1.0/course-runs-sync").get("post");
		assertThat(sync.get("responses").propertyNames()).contains("200", "400", "401", "403", "404", "405", "406",
				"413", "415", "503");
		assertThat(document.get("components").get("securitySchemes").get("signature").get("description").asString())
			.contains("SIG-HMAC-SHA256");
	}

	@Test
	void servesTheSwaggerUi() {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(this.http.uri("/swagger-ui.html")).GET());
		assertThat(response.statusCode()).isIn(200, 302);
		if (response.statusCode() == 302) {
			assertThat(response.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).contains("swagger-ui"));
		}
	}

}
