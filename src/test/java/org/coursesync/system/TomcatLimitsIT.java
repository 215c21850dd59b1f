package org.coursesync.system;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.coursesync.support.HttpIT;
import org.coursesync.support.OpenSocket;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one connection may hold on Tomcat is bounded by the production configuration:
 * silence while sending headers or a body ends the connection after the connection
 * timeout (not Tomcat's default minute), and headers, connections and kept-alive requests
 * have limits.
 */
class TomcatLimitsIT extends HttpIT {

	/**
	 * Hang guard: five times the configured 10 s, and below Tomcat's default of 60 s, so
	 * that the unbounded wait fails the test.
	 */
	private static final Duration GUARD = Duration.ofSeconds(50);

	private static final String ADMIN_LOGIN = "Authorization: " + TestHttp.adminAuthorization();

	@Autowired
	WebServerApplicationContext context;

	@Test
	void connectorRunsWithTheConfiguredBounds() {
		AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) ((TomcatWebServer) this.context.getWebServer())
			.getTomcat()
			.getConnector()
			.getProtocolHandler();
		assertThat(protocol.getConnectionTimeout()).isEqualTo(10_000);
		assertThat(protocol.getKeepAliveTimeout()).isEqualTo(20_000);
		assertThat(protocol.getMaxConnections()).isEqualTo(1000);
		assertThat(protocol.getAcceptCount()).isEqualTo(100);
		assertThat(protocol.getMaxKeepAliveRequests()).isEqualTo(100);
		assertThat(protocol.getMaxHttpRequestHeaderSize()).isEqualTo(8 * 1024);
		// Body reads use the same timeout (no separate, longer upload timeout).
		assertThat(protocol.getDisableUploadTimeout()).isTrue();
	}

	@Test
	void closesConnectionsThatStopSendingTheirHeadersOrTheirBody() throws Exception {
		this.db.course("DEMOX", "Demo");
		byte[] sync = """
				{"resource_link":"https://draft.lms/courses/course-v1:edX+DemoX+1/course/","enrollment_count":3}"""
			.getBytes(StandardCharsets.UTF_8);
		// Three connections at once, each silent after a part of its request.
		CompletableFuture<OpenSocket.End> partialHeaders = silentAfter(
				"POST /api/1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nContent-Type: appl");
		CompletableFuture<OpenSocket.End> shortSyncBody = silentAfter(
				"POST /api/1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Authorization: " + SignatureVerifier.sign(TestHttp.SECRET, sync) + "\r\nContent-Length: "
						+ sync.length + "\r\n\r\n" + new String(sync, 0, 20, StandardCharsets.ISO_8859_1));
		CompletableFuture<OpenSocket.End> shortAdminBody = silentAfter(
				"POST /api/admin/courses HTTP/1.1\r\n" + "Host: localhost\r\nContent-Type: application/json\r\n"
						+ ADMIN_LOGIN + "\r\nContent-Length: 100\r\n\r\n{\"code\": \"LATE\"");

		OpenSocket.End headers = partialHeaders.get();
		assertThat(headers.closedByServer()).as("closed by the server before the guard").isTrue();
		assertThat(headers.received()).isEmpty();
		for (OpenSocket.End body : new OpenSocket.End[] { shortSyncBody.get(), shortAdminBody.get() }) {
			assertThat(body.closedByServer()).as("closed by the server before the guard").isTrue();
			// Either a client error or a plain close: never a server error, never a 2xx.
			assertThat(body.status()).as(body.head())
				.satisfiesAnyOf((status) -> assertThat(status).isZero(),
						(status) -> assertThat(status).isBetween(400, 499));
		}
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.events()).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM course WHERE code = 'LATE'", Integer.class)).isZero();
	}

	private CompletableFuture<OpenSocket.End> silentAfter(String start) {
		return CompletableFuture.supplyAsync(() -> {
			try (OpenSocket socket = OpenSocket.connect(this.port)) {
				return socket.write(start).awaitEnd(GUARD);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
