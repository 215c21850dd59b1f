package org.coursesync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The API as the served OpenAPI document describes it: every call goes over real HTTP,
 * its response (and, when it succeeded, its request) is validated against
 * {@code /v3/api-docs} with Atlassian's swagger-request-validator, and the operation it
 * reached is remembered so that a test can require every documented operation to have
 * been called. A path the document lacks, a status it does not list, a property it does
 * not name (or names in another case) or a null it does not allow fails the call.
 */
public final class DocumentedApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestHttp http;

	private final JsonNode document;

	private final OpenApiInteractionValidator validator;

	private final Map<Pattern, String> templates = new LinkedHashMap<>();

	private final Set<String> called = new TreeSet<>();

	public DocumentedApi(TestHttp http) {
		this.http = http;
		HttpResponse<String> docs = document(http);
		assertThat(docs.statusCode()).isEqualTo(200);
		this.document = JSON.readTree(docs.body());
		try {
			// For a reader of a failure: the document the calls were checked against.
			Files.writeString(Path.of("target", "api-docs.json"), docs.body());
		}
		catch (IOException ex) {
			// only a convenience
		}
		this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(docs.body())
			.withLevelResolver(LevelResolver.create()
				// Every status answered must be documented, with its body.
				.withLevel("validation.response.status.unknown", ValidationReport.Level.ERROR)
				.withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
				.withLevel("validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
				// A property the schema does not name is an error (snake_case drift).
				.withLevel("validation.schema.additionalProperties", ValidationReport.Level.ERROR)
				.build())
			.build();
		this.document.get("paths")
			.propertyNames()
			.forEach((path) -> this.templates.put(
					Pattern.compile("^" + Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$"), path));
	}

	/**
	 * The document: springdoc builds it on the first request, which takes longer than a
	 * call's timeout on a busy machine.
	 */
	private static HttpResponse<String> document(TestHttp http) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(http.uri("/v3/api-docs")).timeout(Duration.ofMinutes(3)).GET().build(),
						HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The served document. */
	public JsonNode document() {
		return this.document;
	}

	/** {@code METHOD /path/{template}} of every documented operation. */
	public Set<String> documentedOperations() {
		Set<String> operations = new TreeSet<>();
		this.document.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.propertyNames()
				.stream()
				.filter((method) -> !method.equals("parameters"))
				.forEach((method) -> operations.add(method.toUpperCase() + " " + path.getKey())));
		return operations;
	}

	/** {@code METHOD /path/{template}} of every operation called so far. */
	public Set<String> calledOperations() {
		return this.called;
	}

	/** A call with the admin login and, if not null, a JSON body. */
	public Call admin(String method, String path, String json) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", TestHttp.adminAuthorization());
		if (json != null) {
			headers.put("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
		}
		return call(method, path, headers, json);
	}

	/** A sync request signed with the test secret. */
	public Call sync(String body) {
		return call("POST", "/api/v1.0/course-runs-sync", Map.of("Content-Type", "application/json", "Authorization",
				org.coursesync.webhook.SignatureVerifier.sign(TestHttp.SECRET, body.getBytes(StandardCharsets.UTF_8))),
				body);
	}

	/** Any call: sends it, validates it against the document, remembers its operation. */
	public Call call(String method, String pathAndQuery, Map<String, String> headers, String body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.http.uri(pathAndQuery))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		headers.forEach(builder::header);
		HttpResponse<String> response = this.http.send(builder);
		URI uri = URI.create(pathAndQuery);
		String path = uri.getRawPath();
		String template = template(path);
		if (template == null) {
			fail("%s %s: no path of the document matches (an undocumented operation)", method, path);
		}
		this.called.add(method + " " + template);
		SimpleResponse.Builder checked = SimpleResponse.Builder.status(response.statusCode());
		response.headers().map().forEach((name, values) -> checked.withHeader(name, values));
		if (!response.body().isEmpty()) {
			checked.withBody(response.body());
		}
		Request.Method verb = Request.Method.valueOf(method);
		ValidationReport report;
		if (response.statusCode() < 400) {
			SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
			headers.forEach((name, value) -> request.withHeader(name, value));
			if (body != null) {
				request.withBody(body);
			}
			query(uri).forEach((name, values) -> request.withQueryParam(name, values));
			report = this.validator.validate(request.build(), checked.build());
		}
		else {
			report = this.validator.validateResponse(path, verb, checked.build());
		}
		if (report.hasErrors()) {
			fail("%s %s answered %d %s%nwhich the document does not describe:%n%s", method, pathAndQuery,
					response.statusCode(), response.body(), SimpleValidationReportFormat.getInstance().apply(report));
		}
		return new Call(method, pathAndQuery, response);
	}

	private String template(String path) {
		return this.templates.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().matcher(path).matches())
			// The most specific: a literal path wins over a template.
			.map(Map.Entry::getValue)
			.min((a, b) -> Long.compare(a.chars().filter((c) -> c == '{').count(),
					b.chars().filter((c) -> c == '{').count()))
			.orElse(null);
	}

	private static Map<String, List<String>> query(URI uri) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (uri.getRawQuery() == null) {
			return query;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	/** A validated call's response. */
	public record Call(String method, String path, HttpResponse<String> response) {

		/** Asserts the status; returns the JSON body (or null when empty). */
		public JsonNode expect(int status) {
			assertThat(this.response.statusCode()).as("%s %s: %s", this.method, this.path, this.response.body())
				.isEqualTo(status);
			return this.response.body().isEmpty() ? null : JSON.readTree(this.response.body());
		}

	}

}
