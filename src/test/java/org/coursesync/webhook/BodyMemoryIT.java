package org.coursesync.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.support.HttpIT;
import org.coursesync.support.Poll;
import org.coursesync.support.RawConnection;
import org.coursesync.support.RawHttp;
import org.coursesync.support.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory spent on sync bodies: a request that cannot authenticate is answered before any
 * byte of its body is read (and its connection closed rather than drained), and the
 * bodies of signed requests are held within {@code coursesync.body-memory.limit} (here
 * two bodies of the largest size), a request finding it spent getting 503 after a bounded
 * wait. Read timeouts are hang guards only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "coursesync.max-body-size=1MB", "coursesync.body-memory.limit=2MB",
				"coursesync.body-memory.max-wait=300ms", "server.tomcat.connection-timeout=60s" })
class BodyMemoryIT extends HttpIT {

	static final String PATH = "/api/v1.0/course-runs-sync";

	static final int MB = 1024 * 1024;

	static final Duration GUARD = Duration.ofSeconds(10);

	static final String VALID_FORM = "Authorization: SIG-HMAC-SHA256 " + "0".repeat(64);

	static final String ITEM = """
			{"resource_link": "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/", "languages": ["en"]}""";

	/** Richie's answer to a body over {@code coursesync.max-body-size}. */
	static final String TOO_LARGE = """
			{"detail":"Request body larger than 1MB."}""";

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void setUp() throws InterruptedException {
		this.db.course("DEMOX", "Demo");
		Poll.until("no body held", GUARD, () -> held() == 0);
	}

	@Test
	void answersRequestsThatCannotAuthenticateWithoutReadingTheirBodies() throws Exception {
		List<String[]> cases = List.of(new String[] { null, "403", "\"Missing authentication.\"" },
				new String[] { "Authorization: ", "403", "\"Missing authentication.\"" },
				new String[] { "Authorization: Bearer abc", "401", "\"Invalid authentication.\"" },
				new String[] { "Authorization: SIG-HMAC-SHA256 " + "A".repeat(64), "401",
						"\"Invalid authentication.\"" },
				new String[] { "Authorization: SIG-HMAC-SHA256 " + "0".repeat(63), "401",
						"\"Invalid authentication.\"" },
				new String[] { "Authorization: SIG-HMAC-SHA256 " + "0".repeat(63) + "\u00e9", "401",
						"\"Invalid authentication.\"" },
				new String[] { VALID_FORM + "\r\nX-Coursesync-Timestamp: 1", "401", "\"Invalid authentication.\"" });
		double readBefore = bytesRead();
		ExecutorService pool = Executors.newFixedThreadPool(64);
		try {
			List<Future<List<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 280; i++) {
				String[] c = cases.get(i % cases.size());
				answers.add(pool.submit(() -> {
					try (RawConnection connection = new RawConnection(this.port, GUARD)) {
						// A full-size body is declared, only its first kilobyte sent.
						connection.write(head(MB, c[0]));
						connection.write(new byte[1024]);
						RawHttp.Response response = connection.readResponse();
						// Not drained either: closed at once rather than held until the
						// rest arrives.
						return List.of(response.status() + " " + response.body() + " " + connection.closedByServer(),
								c[1] + " " + c[2] + " true");
					}
				}));
			}
			for (Future<List<String>> answer : answers) {
				List<String> actualAndExpected = answer.get();
				assertThat(actualAndExpected.get(0)).isEqualTo(actualAndExpected.get(1));
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(bytesRead() - readBefore).as("body bytes read").isZero();
		assertThat(held()).isZero();
		assertThat(this.db.events()).isEmpty();
		assertThat(this.db.draftRuns()).isEmpty();
	}

	@Test
	void answers503WithRetryAfterWhileTheBudgetIsSpent() throws Exception {
		List<RawConnection> holders = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				RawConnection holder = new RawConnection(this.port, GUARD);
				holders.add(holder);
				holder.write(head(MB, VALID_FORM));
				holder.write(new byte[10]);
			}
			Poll.until("both bodies held", GUARD, () -> held() == 2 * MB);
			var refused = http.sync(ITEM);
			assertThat(refused.statusCode()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(refused.body()).isEqualTo("{\"detail\":\"The service is busy; retry in a few seconds.\"}");
			assertThat(held()).isEqualTo(2 * MB);
			assertThat(this.db.events()).isEmpty();
			assertThat(this.db.draftRuns()).isEmpty();
		}
		finally {
			for (RawConnection holder : holders) {
				holder.close();
			}
		}
		Poll.until("the budget given back", GUARD, () -> held() == 0);
		assertThat(http.sync(ITEM).statusCode()).isEqualTo(200);
		assertThat(this.db.draftRuns()).hasSize(1);
	}

	@Test
	void readsASignedBodyWithoutLengthThroughTheBudget() throws Exception {
		byte[] body = ITEM.getBytes(StandardCharsets.UTF_8);
		try (RawConnection connection = new RawConnection(this.port, GUARD)) {
			connection.write(chunkedHead("Authorization: " + SignatureVerifier.sign(TestHttp.SECRET, body)));
			connection.write(chunk(Arrays.copyOfRange(body, 0, 10)));
			connection.write(chunk(Arrays.copyOfRange(body, 10, body.length)));
			connection.write("0\r\n\r\n");
			RawHttp.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("{\"success\":true}");
		}
		assertThat(this.db.draftRuns()).hasSize(1);
		assertThat(held()).isZero();
	}

	@Test
	void refusesABodyWithoutLengthAsSoonAsItPassesTheLimit() throws Exception {
		double readBefore = bytesRead();
		try (RawConnection connection = new RawConnection(this.port, GUARD)) {
			connection.write(chunkedHead(VALID_FORM));
			byte[] piece = new byte[64 * 1024];
			for (int i = 0; i < 17 && connection.write(chunk(piece)); i++) {
			}
			RawHttp.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.body()).isEqualTo(TOO_LARGE);
			assertThat(connection.closedByServer()).as("connection closed after the 413").isTrue();
		}
		assertThat(bytesRead() - readBefore).isLessThanOrEqualTo(MB + 16 * 1024);
		assertThat(held()).isZero();
		assertThat(this.db.events()).isEmpty();
	}

	@Test
	void closesTheConnectionRightAfterA413() throws Exception {
		try (RawConnection connection = new RawConnection(this.port, GUARD)) {
			connection.write(head(2L * MB, VALID_FORM));
			connection.write(new byte[1024]);
			RawHttp.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.body()).isEqualTo(TOO_LARGE);
			// Without waiting for the 2 MB still owed (the hang guard is far below
			// the server's 60 s timeout).
			assertThat(connection.closedByServer()).as("connection closed after the 413").isTrue();
		}
		assertThat(this.db.events()).isEmpty();
	}

	private double bytesRead() {
		return this.meters.get("coursesync.sync.body.read").counter().count();
	}

	private int held() {
		return (int) this.meters.get("coursesync.sync.body.memory.held").gauge().value();
	}

	private static byte[] head(long length, String authorization) {
		String head = "POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + length + "\r\n" + ((authorization != null) ? authorization + "\r\n" : "")
				+ "\r\n";
		return head.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] chunkedHead(String authorization) {
		String head = "POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\n" + authorization + "\r\n\r\n";
		return head.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] chunk(byte[] data) {
		byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] out = new byte[size.length + data.length + 2];
		System.arraycopy(size, 0, out, 0, size.length);
		System.arraycopy(data, 0, out, size.length, data.length);
		out[out.length - 2] = '\r';
		out[out.length - 1] = '\n';
		return out;
	}

}
