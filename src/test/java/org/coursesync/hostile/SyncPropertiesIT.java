package org.coursesync.hostile;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.coursesync.CourseSyncApplication;
import org.coursesync.support.Database;
import org.coursesync.support.RawHttp;
import org.coursesync.support.TestHttp;
import org.coursesync.webhook.SignatureVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based tests over random sync payloads and random signature mutations: never a
 * 5xx, never a write without a valid signature, data unchanged after every rejected
 * request.
 */
class SyncPropertiesIT {

	static final List<String> FIELDS = List.of("resource_link", "start", "end", "enrollment_start", "enrollment_end",
			"languages", "enrollment_count", "catalog_visibility", "price", "price_currency", "offer",
			"certificate_price", "certificate_offer", "discounted_price", "discount", "certificate_discounted_price",
			"certificate_discount", "course", "title");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static ConfigurableApplicationContext app;

	static TestHttp http;

	static Database db;

	@BeforeContainer
	static void start() {
		app = new SpringApplicationBuilder(CourseSyncApplication.class).profiles("test")
			.run("--server.port=0", "--spring.main.banner-mode=off",
					"--spring.datasource.url=jdbc:h2:mem:properties;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		http = new TestHttp(((WebServerApplicationContext) app).getWebServer().getPort());
		db = new Database(app.getBean(JdbcTemplate.class));
		db.reset();
		db.course("DEMOX", "Demo");
	}

	@AfterContainer
	static void stop() {
		app.close();
	}

	@Provide
	Arbitrary<String> payloads() {
		Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
				Arbitraries.strings().withChars("0123456789-:TZ+.").ofMaxLength(30), Arbitraries.integers(),
				Arbitraries.longs(), Arbitraries.doubles(), Arbitraries.bigDecimals(), Arbitraries.just(null),
				Arbitraries.of(true, false),
				Arbitraries.of("2030-01-01T00:00:00Z", "2030-01-01", "en", "fr", "both", "none", "paid", "free",
						"course_and_search", "EUR", "59.99", "-1", "1e3", ""),
				Arbitraries.of("en", "fr", "zz", "EN", "pt_BR", "").list().ofMaxSize(4).map((list) -> (Object) list),
				Arbitraries.maps(Arbitraries.strings().ofMaxLength(5), Arbitraries.integers())
					.ofMaxSize(3)
					.map((map) -> (Object) map));
		Arbitrary<String> link = Arbitraries.of("http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/",
				"https://draft.lms/courses/course-v1:edX+DemoX+02/info", "https://joanie.test/api/v1.0/course-runs/x/",
				"https://base.lms/x", "https://manual.lms/courses/course-v1:edX+DemoX+03/info", "nowhere", "");
		Arbitrary<Map<String, Object>> fields = Arbitraries.maps(Arbitraries.of(FIELDS), value).ofMaxSize(8);
		return Combinators.combine(link, fields, Arbitraries.integers().between(0, 9)).as((url, map, shape) -> {
			Map<String, Object> payload = new LinkedHashMap<>();
			if (shape > 0) {
				payload.put("resource_link", url);
			}
			payload.putAll(map);
			Object body = (shape == 9) ? List.of(payload, payload) : payload;
			return JSON.writeValueAsString(body);
		});
	}

	@Provide
	Arbitrary<String> wrongSignatures() {
		return Arbitraries.oneOf(
				Arbitraries.strings()
					.withCharRange(' ', '~')
					.withChars("éß€")
					.ofMaxLength(80)
					.map((s) -> "SIG-HMAC-SHA256 " + s),
				Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(100),
				Arbitraries.of("SIG-HMAC-SHA256", "sig-hmac-sha256 00", "Bearer x", "SIG-HMAC-SHA256  "));
	}

	private static String snapshot() {
		JdbcTemplate jdbc = db.jdbc();
		return jdbc.queryForList("SELECT * FROM course_run ORDER BY id").toString()
				+ jdbc.queryForList("SELECT * FROM course_run_public ORDER BY id")
				+ jdbc.queryForList("SELECT * FROM course ORDER BY id");
	}

	@Property(tries = 300)
	void signedRandomPayloadsNeverFailAndRejectionsChangeNothing(@ForAll("payloads") String body) {
		String before = snapshot();
		HttpResponse<String> response = http.sync(body);
		assertThat(response.statusCode()).as(body).isIn(200, 400);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("tools.jackson");
		if (response.statusCode() != 200) {
			assertThat(snapshot()).as(body).isEqualTo(before);
		}
	}

	@Property(tries = 200)
	void wronglySignedRequestsNeverWrite(@ForAll("payloads") String body, @ForAll("wrongSignatures") String header)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		if (header.equals(SignatureVerifier.sign(TestHttp.SECRET, bytes))) {
			return;
		}
		String before = snapshot();
		int events = db.count("sync_event");
		byte[] head = ("POST /api/v1.0/course-runs-sync HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\nAuthorization: " + header
				+ "\r\n")
			.getBytes(StandardCharsets.UTF_8);
		RawHttp.Response response = RawHttp.send(http.port(), head, bytes);
		assertThat(response.status()).isIn(401, 403);
		assertThat(snapshot()).isEqualTo(before);
		assertThat(db.count("sync_event")).isEqualTo(events);
	}

}
