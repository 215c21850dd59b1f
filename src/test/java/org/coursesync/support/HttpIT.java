package org.coursesync.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the HTTP integration tests: the whole service on a random port with the
 * {@code test} profile, a client sending real requests ({@link TestHttp}: signed syncs,
 * admin login) and the database helpers ({@link Database}), emptied before each test.
 * <p>
 * To write a new IT: extend this class, seed what the test needs in a {@code @BeforeEach}
 * (it runs after the reset; do not name it {@code connectAndReset}), send with
 * {@link #http}, and assert the status, the body and what was or was not stored with
 * {@link #db}. Extra settings go in the subclass's own
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = ...)}; a fixed clock
 * in {@code @Import(TestClockConfiguration.class)}. For the PostgreSQL variant, add a
 * subclass named {@code *PostgresIT} with a {@code @DynamicPropertySource} calling
 * {@link EmbeddedPostgresSupport#register}: it runs the same cases.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class HttpIT {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	protected TestHttp http;

	protected Database db;

	@BeforeEach
	void connectAndReset() {
		this.http = new TestHttp(this.port);
		this.db = new Database(this.jdbc);
		this.db.reset();
	}

}
