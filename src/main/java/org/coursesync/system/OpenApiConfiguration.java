package org.coursesync.system;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description, kept equal to the wire: snake_case names from Jackson 3's
 * {@code @JsonNaming} (which springdoc's Jackson 2 does not read), {@link JsonField}
 * request fields as their declared types, RFC 9457 problems on every admin operation,
 * security schemes, and the sync endpoint described by hand (a filter answers most of its
 * errors before any controller runs). docs in README "API description".
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String SYNC_EXAMPLE = "{\"resource_link\": \"http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/\", "
			+ "\"enrollment_count\": 865}";

	/** The dev profile's secret (application-dev.yml), to sign the example. */
	static final String DEV_SECRET = "dev-secret";

	static final String PROBLEM_JSON = "application/problem+json";

	/** Statuses every admin operation may answer, with why. */
	private static final Map<Integer, String> ADMIN_PROBLEMS = Map.of(400,
			"Invalid input: body, field errors (in 'errors'), path or query parameter", 401,
			"No or wrong admin login (HTTP Basic)", 429, "Too many failed logins from this client; see Retry-After",
			503, "The database is unreachable; see Retry-After", 404, "Not found", 409,
			"Conflicts with the stored state", 403,
			"The user's role does not allow this call; 'required_role' names the role needed");

	private static final String SYNC_PATH = "/api/v1.0/course-runs-sync";

	/** The four spellings of the sync path, with their operation ids. */
	private static final Map<String, String> SYNC_OPERATIONS = Map.of(SYNC_PATH, "syncCourseRuns", SYNC_PATH + "/",
			"syncCourseRunsTrailingSlash", "/api/1.0/course-runs-sync", "syncCourseRunsUnversionedPath",
			"/api/1.0/course-runs-sync/", "syncCourseRunsUnversionedPathTrailingSlash");

	/** Schema name to the property that refers to another schema and may be null. */
	private static final Map<String, String> NULLABLE_REFERENCES = Map.of("RunDetail", "public_run");

	static {
		// The history's "changes" and "errors" are JSON objects, not JsonNode's getters.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema());
		Jackson3Naming.install(Json.mapper());
		Jackson3Naming.install(Json31.mapper());
	}

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
									+ "X-Coursesync-Timestamp header (unix seconds), sign '<timestamp>.<body>'. "
									+ "The single example body, byte for byte, signed with the dev profile's secret: "
									+ sign(DEV_SECRET, SYNC_EXAMPLE)))
				.addSecuritySchemes("subscriptionKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("Ocp-Apim-Subscription-Key"))
				.addSchemas("Problem", problemSchema()));
	}

	/**
	 * Unwraps {@link JsonField} request fields: the document shows their declared type.
	 */
	@Bean
	ModelConverter jsonFieldConverter() {
		return new JsonFieldConverter();
	}

	/** The problems of admin operations: those of every one, plus {@link Problems}. */
	@Bean
	OperationCustomizer adminProblems() {
		return (operation, handler) -> {
			if (!AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AdminApi.class)) {
				return operation;
			}
			ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
			for (int status : List.of(400, 401, 429, 503)) {
				responses.addApiResponse(Integer.toString(status), problem(status));
			}
			if (!AnnotatedElementUtils.hasAnnotation(handler.getMethod(), GetMapping.class)) {
				// Reading needs any role; a write needs editor or admin.
				responses.addApiResponse("403", problem(403));
			}
			for (int status : statuses(handler)) {
				responses.addApiResponse(Integer.toString(status), problem(status));
			}
			return operation.responses(responses);
		};
	}

	/**
	 * Properties that hold another schema and may be null: swagger-core drops
	 * {@code nullable} beside a {@code $ref}, so they become "that schema, or null".
	 */
	@Bean
	OpenApiCustomizer nullableReferences() {
		return (openApi) -> {
			Map<String, Schema> schemas = openApi.getComponents().getSchemas();
			NULLABLE_REFERENCES.forEach((schema, property) -> {
				Schema<?> owner = schemas.get(schema);
				if (owner != null && owner.getProperties() != null && owner.getProperties().get(property) != null) {
					Schema<?> reference = owner.getProperties().get(property);
					// OpenAPI 3.0.3's way to also allow null: a branch of type object,
					// nullable,
					// whose only value is null.
					Schema<Object> onlyNull = new Schema<>().type("object").nullable(true);
					onlyNull.addEnumItemObject(null);
					owner.getProperties()
						.put(property,
								new ComposedSchema().addAnyOfItem(new Schema<>().$ref(reference.get$ref()))
									.addAnyOfItem(onlyNull)
									.description(reference.getDescription()));
				}
			});
		};
	}

	@Bean
	OpenApiCustomizer securityAndSyncEndpoint() {
		return (openApi) -> openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith("/api/admin/")) {
				item.readOperations()
					.forEach((operation) -> operation.addSecurityItem(new SecurityRequirement().addList("admin")));
			}
			if (path.contains("/catalogs/")) {
				item.readOperations()
					.forEach((operation) -> operation
						.addSecurityItem(new SecurityRequirement().addList("subscriptionKey")));
			}
			String operationId = SYNC_OPERATIONS.get(path);
			if (operationId != null) {
				openApi.getComponents().getSchemas().putAll(syncSchemas());
				openApi.getPaths().put(path, new PathItem().post(syncOperation(path, operationId)));
			}
		});
	}

	private static int[] statuses(HandlerMethod handler) {
		Problems problems = handler.getMethodAnnotation(Problems.class);
		return (problems != null) ? problems.value() : new int[0];
	}

	private static ApiResponse problem(int status) {
		return new ApiResponse().description(ADMIN_PROBLEMS.getOrDefault(status, "Problem"))
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("An RFC 9457 problem")
			.addProperty("type", new StringSchema().example("about:blank"))
			.addProperty("title", new StringSchema().example("Bad Request"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema().description("what to fix"))
			.addProperty("instance", new StringSchema().description("the request path"))
			.addProperty("errors",
					new ObjectSchema().description("field name to messages, for invalid fields")
						.additionalProperties(new ArraySchema().items(new StringSchema())))
			.addProperty("request_id",
					new StringSchema().description("the request's id, as in the X-Request-Id header and the logs"))
			.required(List.of("title", "status"));
	}

	private static Map<String, Schema> syncSchemas() {
		Map<String, Schema> schemas = new LinkedHashMap<>();
		ObjectSchema run = new ObjectSchema();
		run.description("A course run as Open edX or Joanie sends it; unknown keys are ignored. Datetimes are "
				+ "ISO-8601 (a date, or no offset: coursesync.time-zone).");
		run.addProperty("resource_link", new StringSchema().maxLength(200));
		for (String date : List.of("start", "end", "enrollment_start", "enrollment_end")) {
			run.addProperty(date, new StringSchema().nullable(true));
		}
		run.addProperty("languages", new ArraySchema().items(new StringSchema()));
		run.addProperty("enrollment_count", new IntegerSchema().minimum(BigDecimal.ZERO));
		run.addProperty("catalog_visibility", enumeration("course_and_search", "course_only", "hidden"));
		for (String price : List.of("price", "certificate_price", "discounted_price", "certificate_discounted_price")) {
			run.addProperty(price, new NumberSchema().nullable(true));
		}
		run.addProperty("price_currency", new StringSchema().maxLength(7));
		run.addProperty("offer", enumeration("free", "partially_free", "subscription", "paid").nullable(true));
		run.addProperty("certificate_offer", enumeration("free", "subscription", "paid").nullable(true));
		run.addProperty("discount", new StringSchema().maxLength(20).nullable(true));
		run.addProperty("certificate_discount", new StringSchema().maxLength(20).nullable(true));
		run.required(List.of("resource_link"));
		schemas.put("SyncRun", run);
		schemas.put("SyncSuccess",
				new ObjectSchema().addProperty("success", new BooleanSchema()).required(List.of("success")));
		schemas.put("SyncFieldErrors",
				new ObjectSchema()
					.description("Field name (or non_field_errors) to messages, as Richie (DRF) reports them")
					.additionalProperties(new ArraySchema().items(new StringSchema())));
		schemas.put("SyncDetail",
				new ObjectSchema().addProperty("detail", new StringSchema()).required(List.of("detail")));
		schemas.put("SyncBatchResults",
				new ObjectSchema().description("The result of each item of a batch, by its trimmed resource_link")
					.additionalProperties(anyOf(ref("SyncSuccess"), ref("SyncFieldErrors"))));
		return schemas;
	}

	private static Operation syncOperation(String path, String operationId) {
		Map<String, Example> requests = new LinkedHashMap<>();
		requests.put("single",
				new Example().value(SYNC_EXAMPLE)
					.summary("One run (Richie's test vector); with the dev secret, Authorization: "
							+ sign(DEV_SECRET, SYNC_EXAMPLE)));
		requests.put("batch", new Example().value("[" + SYNC_EXAMPLE + "]").summary("A batch"));
		ApiResponses responses = new ApiResponses()
			.addApiResponse("200",
					json("Synced: {\"success\": true} for one run, each item's result for a batch",
							anyOf(ref("SyncSuccess"), ref("SyncBatchResults")), "{\"success\":true}"))
			.addApiResponse("400",
					json("Invalid item, JSON or body type (a batch: each item's result)",
							anyOf(ref("SyncFieldErrors"), ref("SyncDetail"), ref("SyncBatchResults")),
							"{\"languages\":[\"\\\"zz\\\" is not a valid choice.\"]}"))
			.addApiResponse("401",
					json("No secret matches the signature, or a stale timestamp", new StringSchema(),
							"\"Invalid authentication.\""))
			.addApiResponse("403",
					json("Authorization header missing", new StringSchema(), "\"Missing authentication.\""))
			.addApiResponse("404",
					json("Unknown API version", ref("SyncDetail"), "{\"detail\":\"Invalid version in URL path.\"}"))
			.addApiResponse("405",
					json("Not a POST", ref("SyncDetail"), "{\"detail\":\"Method \\\"GET\\\" not allowed.\"}"))
			.addApiResponse("406",
					json("Accept excludes JSON", ref("SyncDetail"),
							"{\"detail\":\"Could not satisfy the request Accept header.\"}"))
			.addApiResponse("413",
					json("Body over coursesync.max-body-size", ref("SyncDetail"),
							"{\"detail\":\"Request body larger than 10MB.\"}"))
			.addApiResponse("415",
					json("Content type is not JSON", ref("SyncDetail"),
							"{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}"))
			.addApiResponse("500",
					json("An unexpected failure", ref("SyncDetail"), "{\"detail\":\"A server error occurred.\"}"))
			.addApiResponse("503",
					json("Database unreachable or too many bodies in memory (see Retry-After); "
							+ "a batch: each item's result", anyOf(ref("SyncDetail"), ref("SyncBatchResults")),
							"{\"detail\":\"The catalog database is unavailable; retry in a few seconds.\"}")
						.addHeaderObject("Retry-After",
								new Header().description("seconds").schema(new IntegerSchema())));
		String description = "Accepts one course run or a JSON array of them, as Open edX and Joanie send to "
				+ "Richie. The body is signed: Authorization: SIG-HMAC-SHA256 <lowercase hex HMAC-SHA256 of the raw "
				+ "body>. Checks run in this order: version, method, Accept, size, signature, content type, JSON, "
				+ "then Richie's field rules.";
		if (!path.equals(SYNC_PATH)) {
			description = "The same endpoint as POST " + SYNC_PATH + ". " + description;
		}
		return new Operation().operationId(operationId)
			.summary("Synchronize course runs (Richie's course-runs-sync webhook)")
			.description(description)
			.addTagsItem("Sync")
			.addSecurityItem(new SecurityRequirement().addList("signature"))
			.addParametersItem(new Parameter().in("header")
				.name("X-Coursesync-Timestamp")
				.required(false)
				.schema(new IntegerSchema())
				.description("Optional unix seconds; the signature then covers '<timestamp>.<body>'"))
			.requestBody(new RequestBody().required(true)
				.content(new Content().addMediaType("application/json",
						new MediaType().schema(anyOf(ref("SyncRun"), new ArraySchema().items(ref("SyncRun"))))
							.examples(requests))))
			.responses(responses);
	}

	private static Schema<?> enumeration(String... values) {
		StringSchema schema = new StringSchema();
		for (String value : values) {
			schema.addEnumItem(value);
		}
		return schema;
	}

	private static Schema<?> ref(String name) {
		return new Schema<>().$ref("#/components/schemas/" + name);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema<?> anyOf(Schema<?>... schemas) {
		ComposedSchema composed = new ComposedSchema();
		for (Schema schema : schemas) {
			composed.addAnyOfItem(schema);
		}
		return composed;
	}

	private static ApiResponse json(String description, Schema<?> schema, String example) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType("application/json", new MediaType().schema(schema).example(example)));
	}

	/** {@code SIG-HMAC-SHA256 <hex>} of {@code body} with {@code secret}. */
	static String sign(String secret, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "SIG-HMAC-SHA256 " + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Resolves a {@code JsonField<T>} as {@code T}, with the field's annotations
	 * ({@code @Schema(nullable = true)}...).
	 */
	static final class JsonFieldConverter implements ModelConverter {

		@Override
		public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
			JavaType javaType = Json.mapper().constructType(type.getType());
			if (javaType != null && javaType.getRawClass() == JsonField.class) {
				AnnotatedType inner = new AnnotatedType(javaType.containedTypeOrUnknown(0))
					.ctxAnnotations(type.getCtxAnnotations())
					.parent(type.getParent())
					.schemaProperty(type.isSchemaProperty())
					.name(type.getName())
					.propertyName(type.getPropertyName())
					.resolveAsRef(type.isResolveAsRef())
					.jsonViewAnnotation(type.getJsonViewAnnotation())
					.skipOverride(true);
				return context.resolve(inner);
			}
			return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		}

	}

	/**
	 * Lets swagger-core's Jackson 2 read Jackson 3's {@code @JsonNaming}, so that the
	 * schemas' property names are the names on the wire.
	 */
	static final class Jackson3Naming extends NopAnnotationIntrospector {

		static void install(ObjectMapper mapper) {
			AnnotationIntrospector current = mapper.getSerializationConfig().getAnnotationIntrospector();
			if (current.allIntrospectors().stream().noneMatch(Jackson3Naming.class::isInstance)) {
				mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(new Jackson3Naming(), current));
			}
		}

		@Override
		public Object findNamingStrategy(AnnotatedClass annotated) {
			JsonNaming naming = annotated.getRawType().getAnnotation(JsonNaming.class);
			if (naming == null) {
				return null;
			}
			try {
				return Class.forName(PropertyNamingStrategies.class.getName() + "$" + naming.value().getSimpleName());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException("No Jackson 2 naming strategy like " + naming.value(), ex);
			}
		}

	}

}
