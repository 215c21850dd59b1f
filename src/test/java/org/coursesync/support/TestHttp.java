package org.coursesync.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.coursesync.webhook.SignatureVerifier;

/**
 * Real HTTP requests to a running test server, signed as Open edX signs them.
 */
public final class TestHttp {

	public static final String SECRET = "shared secret";

	private static final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String host;

	private final int port;

	public TestHttp(int port) {
		this("localhost", port);
	}

	/**
	 * A client of the server on {@code port}, connecting to {@code host} (e.g.
	 * 127.0.0.2).
	 */
	public TestHttp(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/** The test server's port. */
	public int port() {
		return this.port;
	}

	/** A URI on the test server. */
	public URI uri(String path) {
		return URI.create("http://" + this.host + ":" + this.port + path);
	}

	/** POSTs {@code body} to the v1.0 sync path, signed with the test secret. */
	public HttpResponse<String> sync(String body) {
		return sync("/api/v1.0/course-runs-sync", body);
	}

	/** POSTs {@code body} to {@code path}, signed with the test secret. */
	public HttpResponse<String> sync(String path, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.header("Authorization", SignatureVerifier.sign(SECRET, bytes))
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
	}

	/** GET with the admin login of the test profile. */
	public HttpResponse<String> adminGet(String path) {
		return send(HttpRequest.newBuilder(uri(path)).header("Authorization", adminAuthorization()).GET());
	}

	/** A request with the admin login and a JSON body. */
	public HttpResponse<String> admin(String method, String path, String json) {
		return as(adminAuthorization(), method, path, json);
	}

	/**
	 * A request with the login of a user of the test profile ({@code viewer},
	 * {@code editor} or {@code admin}) and a JSON body.
	 */
	public HttpResponse<String> as(TestUser user, String method, String path, String json) {
		return as(user.authorization(), method, path, json);
	}

	private HttpResponse<String> as(String authorization, String method, String path, String json) {
		HttpRequest.BodyPublisher body = (json != null) ? HttpRequest.BodyPublishers.ofString(json)
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
			.header("Authorization", authorization)
			.method(method, body);
		if (json != null) {
			builder.header("Content-Type",
					method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
		}
		return send(builder);
	}

	/** The users of the test profile (application-test.yml), one per role. */
	public enum TestUser {

		VIEWER("viewer", "test-viewer-password"), EDITOR("editor", "test-editor-password"),
		ADMIN("admin", "test-admin-password");

		private final String username;

		private final String password;

		TestUser(String username, String password) {
			this.username = username;
			this.password = password;
		}

		public String username() {
			return this.username;
		}

		String authorization() {
			return "Basic " + Base64.getEncoder()
				.encodeToString((this.username + ":" + this.password).getBytes(StandardCharsets.UTF_8));
		}

	}

	public static String adminAuthorization() {
		return "Basic "
				+ Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));
	}

	/** Sends any request. */
	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(Duration.ofSeconds(30)).build(),
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

}
