package org.coursesync.catalog;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.coursesync.support.HttpIT;
import org.coursesync.support.MutableClock;
import org.coursesync.support.Poll;
import org.coursesync.support.TestClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * Catalog reads stuck in the database hold at most their share of the connection pool: a
 * sync arriving meanwhile is served, and every read is answered once the database moves.
 */
@Import(TestClockConfiguration.class)
class CatalogLoadIT extends HttpIT {

	static final String LINK = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";

	/** More readers than the pool has connections (10). */
	static final int READERS = 32;

	@Autowired
	MutableClock clock;

	@MockitoSpyBean
	CatalogRepository repository;

	final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void setUp() {
		this.clock.set(Instant.parse("2030-01-01T00:00:00Z"));
		this.db.course("DEMOX", "Demo");
		assertThat(this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(LINK)).statusCode()).isEqualTo(200);
		assertThat(this.http.admin("POST", "/api/admin/courses/DEMOX/publish", null).statusCode()).isEqualTo(200);
	}

	@AfterEach
	void releaseReads() {
		this.release.countDown();
	}

	@Test
	void syncsAreServedWhileCatalogReadsAreStuckInTheDatabase() throws Exception {
		AtomicInteger stuck = new AtomicInteger();
		doAnswer((invocation) -> {
			stuck.incrementAndGet();
			this.release.await(60, TimeUnit.SECONDS);
			return invocation.callRealMethod();
		}).when(this.repository).page(any(), any(), any());
		ExecutorService readers = Executors.newFixedThreadPool(READERS);
		try {
			List<Future<HttpResponse<String>>> reads = new ArrayList<>();
			for (int i = 1; i <= READERS; i++) {
				// A different page size each: no read shares another's page.
				String path = "/api/1.0/catalogs/main/course-runs?size=" + i;
				reads.add(readers.submit(() -> this.http.send(HttpRequest.newBuilder(this.http.uri(path))
					.header("Ocp-Apim-Subscription-Key", "main-key-1")
					.GET())));
			}
			Poll.until("catalog reads stuck in the database", Duration.ofSeconds(60), () -> stuck.get() >= 5);
			HttpResponse<String> sync = this.http.sync("""
					{"resource_link": "%s", "enrollment_count": 7, "start": "2030-02-01T00:00:00Z"}""".formatted(LINK));
			assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
			assertThat(this.db.publicRuns().get(0).get("enrollment_count")).isEqualTo(7);
			// The catalog's share: half the pool (10) at a time in the database.
			assertThat(stuck.get()).isEqualTo(5);
			this.release.countDown();
			for (Future<HttpResponse<String>> read : reads) {
				HttpResponse<String> response = read.get(120, TimeUnit.SECONDS);
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).contains("\"availability\"");
			}
			assertThat(stuck.get()).isEqualTo(READERS);
		}
		finally {
			this.release.countDown();
			readers.shutdownNow();
		}
	}

}
