package org.coursesync.system;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description: security schemes, and the sync endpoint described by hand (its
 * signature scheme, a request example and every error body), since a filter answers most
 * of its errors before any controller runs.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String SYNC_EXAMPLE = "{\"resource_link\": \"http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/\", "
			+ "\"enrollment_count\": 865}";

	@Bean
	OpenAPI coursesyncOpenApi() {
		return new OpenAPI()
			.info(new Info().title("coursesync")
				.version("1.0")
				.description("Richie-compatible course-run sync receiver, catalog admin API and catalog read API."))
			.components(new Components()
				.addSecuritySchemes("admin", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes("signature",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("Authorization")
							.description("SIG-HMAC-SHA256 <hex>: the lowercase hex HMAC-SHA256 of the raw request "
									+ "body with one of the shared secrets (coursesync.secrets). With the optional "
									+ "X-Coursesync-Timestamp header (unix seconds), sign '<timestamp>.<body>'."))
				.addSecuritySchemes("subscriptionKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("Ocp-Apim-Subscription-Key")));
	}

	@Bean
	OpenApiCustomizer syncEndpointDocumentation() {
		return (openApi) -> {
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith("/api/admin/")) {
					item.readOperations()
						.forEach((operation) -> operation.addSecurityItem(new SecurityRequirement().addList("admin")));
				}
				if (path.contains("/catalogs/")) {
					item.readOperations()
						.forEach((operation) -> operation
							.addSecurityItem(new SecurityRequirement().addList("subscriptionKey")));
				}
				if (path.endsWith("course-runs-sync") || path.endsWith("course-runs-sync/")) {
					PathItem described = new PathItem().post(syncOperation());
					openApi.getPaths().put(path, described);
				}
			});
		};
	}

	private static Operation syncOperation() {
		Map<String, Example> requests = new LinkedHashMap<>();
		requests.put("single", new Example().value(SYNC_EXAMPLE).summary("One run (Richie's test vector)"));
		requests.put("batch", new Example().value("[" + SYNC_EXAMPLE + "]").summary("A batch"));
		ApiResponses responses = new ApiResponses().addApiResponse("200", json("Synced", "{\"success\":true}"))
			.addApiResponse("400",
					json("Invalid item, JSON or body type", "{\"languages\":[\"\\\"zz\\\" is not a valid choice.\"]}"))
			.addApiResponse("401", json("No secret matches the signature", "\"Invalid authentication.\""))
			.addApiResponse("403", json("Authorization header missing", "\"Missing authentication.\""))
			.addApiResponse("404", json("Unknown API version", "{\"detail\":\"Invalid version in URL path.\"}"))
			.addApiResponse("405", json("Not a POST", "{\"detail\":\"Method \\\"GET\\\" not allowed.\"}"))
			.addApiResponse("406",
					json("Accept excludes JSON", "{\"detail\":\"Could not satisfy the request Accept header.\"}"))
			.addApiResponse("413",
					json("Body over coursesync.max-body-size", "{\"detail\":\"Request body larger than 10MB.\"}"))
			.addApiResponse("415",
					json("Content type is not JSON",
							"{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}"))
			.addApiResponse("503", json("Database unreachable (see Retry-After)",
					"{\"detail\":\"The catalog database is unavailable; retry in a few seconds.\"}"));
		return new Operation().summary("Synchronize course runs (Richie's course-runs-sync webhook)")
			.description("Accepts one course run or a JSON array of them, as Open edX and Joanie send to Richie. "
					+ "The body is signed: Authorization: SIG-HMAC-SHA256 <lowercase hex HMAC-SHA256 of the raw "
					+ "body>. Checks run in this order: version, method, Accept, size, signature, content type, "
					+ "JSON, then Richie's field rules.")
			.addTagsItem("Sync")
			.addSecurityItem(new SecurityRequirement().addList("signature"))
			.addParametersItem(new Parameter().in("header")
				.name("X-Coursesync-Timestamp")
				.required(false)
				.description("Optional unix seconds; the signature then covers '<timestamp>.<body>'"))
			.requestBody(new RequestBody().required(true)
				.content(new Content().addMediaType("application/json",
						new MediaType().schema(new ObjectSchema()).examples(requests))))
			.responses(responses);
	}

	private static ApiResponse json(String description, String example) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/json", new MediaType().example(example)));
	}

}
