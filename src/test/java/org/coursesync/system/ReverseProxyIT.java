package org.coursesync.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.coursesync.support.HttpIT;
import org.coursesync.support.Nginx;
import org.coursesync.support.OpenSocket;
import org.coursesync.support.Poll;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shipped nginx configuration ({@code deploy/nginx/coursesync.conf}) in front of the
 * running application: signed syncs go through; links carry nginx's public address (its
 * forwarded headers are trusted from 127.0.0.1); a client that sends its headers slowly
 * is cut off by the header deadline although it never stays silent; one address cannot
 * hold more than its share of connections while another address still syncs. Skipped
 * where nginx is not installed, except on CI.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ReverseProxyIT extends HttpIT {

	/** The shipped header deadline. */
	private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

	/** Hang guard: ten times the header deadline. */
	private static final Duration GUARD = HEADER_TIMEOUT.multipliedBy(10);

	private static final String MISSING = "ReverseProxyIT skipped, nginx not found: apt-get install nginx-light (or nginx)";

	/** The shipped per-address limit. */
	private static final int PER_CLIENT = 20;

	Nginx nginx;

	@BeforeAll
	void startNginx() throws Exception {
		Path executable = Nginx.executable().orElse(null);
		if (executable == null && "true".equals(System.getenv("CI"))) {
			fail("nginx is missing on CI: .ci/run installs it");
		}
		if (executable == null) {
			System.err.println(MISSING);
			return;
		}
		this.nginx = Nginx.start(executable, this.port);
	}

	@AfterAll
	void stopNginx() throws Exception {
		if (this.nginx != null) {
			this.nginx.close();
		}
	}

	@BeforeEach
	void seed() {
		assumeTrue(this.nginx != null, MISSING);
		this.db.course("DEMOX", "Demo");
	}

	@Test
	void passesASignedSyncToTheApplication() {
		HttpResponse<String> response = new TestHttp(this.nginx.port()).sync(body(1));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"success\":true}");
		assertThat(this.db.draftRuns()).singleElement()
			.satisfies((run) -> assertThat(run.get("resource_link")).isEqualTo(link(1)));
	}

	@Test
	void givesThePublicAddressToTheCatalogLinks() throws Exception {
		try (OpenSocket socket = OpenSocket.connect(this.nginx.port())) {
			OpenSocket.End end = socket
				.write("GET /api/1.0/catalogs/main/course-runs?size=10 HTTP/1.0\r\nHost: catalog.example.org\r\n"
						+ "Ocp-Apim-Subscription-Key: main-key-1\r\n\r\n")
				.awaitEnd(GUARD);
			assertThat(end.status()).as(end.head()).isEqualTo(200);
			// nginx's Host and port (the public address), not the application's.
			assertThat(end.head())
				.contains("Link: <http://catalog.example.org:" + this.nginx.port()
						+ "/api/1.0/catalogs/main/course-runs?page=0&size=10>; rel=\"first\"")
				.doesNotContain(":" + this.port + "/");
		}
	}

	@Test
	void cutsOffAClientThatSendsItsHeadersSlowly() throws Exception {
		try (OpenSocket socket = OpenSocket.connect(this.nginx.port())) {
			socket.write("POST /api/1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
			CompletableFuture<OpenSocket.End> end = CompletableFuture.supplyAsync(() -> {
				try {
					return socket.awaitEnd(GUARD);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			// One byte a second: never silent long enough for a per-read time-out.
			int sent = 0;
			while (!end.isDone() && sent < GUARD.toSeconds()) {
				Thread.sleep(1000);
				try {
					socket.write("a");
					sent++;
				}
				catch (IOException ex) {
					break;
				}
			}
			OpenSocket.End result = end.get();
			assertThat(result.closedByServer()).as("closed by nginx before the guard").isTrue();
			assertThat(result.received()).as("closed without an answer").isEmpty();
			assertThat(sent).as("bytes the client kept sending before the cut").isPositive();
		}
		assertThat(this.nginx.errorLog()).contains("client timed out").contains("while reading client request headers");
		assertThat(this.db.events()).isEmpty();
	}

	@Test
	void refusesConnectionsOverThePerClientLimitWhileAnotherClientSyncs() throws Exception {
		List<OpenSocket> held = new ArrayList<>();
		ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
		try {
			// PER_CLIENT requests from 127.0.0.1 whose bodies never finish: each one
			// holds
			// a connection (nginx has their headers, so they count against the limit).
			for (int i = 0; i < PER_CLIENT; i++) {
				held.add(OpenSocket.connect("127.0.0.1", this.nginx.port())
					.write("POST /api/1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\n"
							+ "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"));
			}
			// A byte each second keeps them under the body time-out.
			trickle.scheduleAtFixedRate(() -> held.forEach((socket) -> {
				try {
					socket.write(" ");
				}
				catch (IOException ex) {
					// reported by the assertions below
				}
			}), 1, 1, TimeUnit.SECONDS);

			OpenSocket.End refused = awaitRefusal();
			assertThat(refused.head()).contains("Retry-After: 1").contains("Content-Type: application/json");
			assertThat(refused.body()).isEqualTo("{\"detail\":\"Too many connections from this address.\"}");
			OpenSocket.End sameAddress = signedSync("127.0.0.1", 2);
			assertThat(sameAddress.status()).isEqualTo(429);

			OpenSocket.End otherAddress = signedSync("127.0.0.2", 3);
			assertThat(otherAddress.status()).as(otherAddress.head()).isEqualTo(200);
			assertThat(otherAddress.body()).isEqualTo("{\"success\":true}");
			assertThat(this.db.draftRuns()).singleElement()
				.satisfies((run) -> assertThat(run.get("resource_link")).isEqualTo(link(3)));
			assertThat(this.nginx.errorLog()).contains("limiting connections by zone \"coursesync_per_client\"");
		}
		finally {
			trickle.shutdownNow();
			trickle.awaitTermination(10, TimeUnit.SECONDS);
			for (OpenSocket socket : held) {
				socket.close();
			}
		}
	}

	/** The first request over the limit; earlier ones may still be in nginx's hands. */
	private OpenSocket.End awaitRefusal() throws Exception {
		OpenSocket.End[] refused = new OpenSocket.End[1];
		Poll.until("a request refused", GUARD, () -> {
			try (OpenSocket socket = OpenSocket.connect("127.0.0.1", this.nginx.port())) {
				refused[0] = socket
					.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.awaitEnd(GUARD);
				return refused[0].status() == 429;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		return refused[0];
	}

	private OpenSocket.End signedSync(String from, int n) throws IOException {
		byte[] body = body(n).getBytes(StandardCharsets.UTF_8);
		try (OpenSocket socket = OpenSocket.connect(from, this.nginx.port())) {
			// HTTP/1.0: an unchunked answer, read until nginx closes.
			return socket.write("POST /api/1.0/course-runs-sync HTTP/1.0\r\nHost: localhost\r\n"
					+ "Content-Type: application/json\r\nAuthorization: "
					+ SignatureVerifier.sign(TestHttp.SECRET, body) + "\r\nContent-Length: " + body.length + "\r\n\r\n")
				.write(body)
				.awaitEnd(GUARD);
		}
	}

	private static String body(int n) {
		return """
				{"resource_link":"%s","languages":["en"],"enrollment_count":%d}""".formatted(link(n), n);
	}

	private static String link(int n) {
		return "https://draft.lms/courses/course-v1:edX+DemoX+" + n + "/course/";
	}

}
