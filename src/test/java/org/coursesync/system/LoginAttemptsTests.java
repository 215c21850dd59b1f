package org.coursesync.system;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.coursesync.support.MutableClock;
import org.coursesync.system.LoginAttempts.Decision;
import org.coursesync.system.LoginAttempts.Outcome;
import org.coursesync.system.LoginAttempts.Refused;
import org.coursesync.system.LoginAttempts.Reserved;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed-login buckets on a real database (H2; the same SQL runs on PostgreSQL, see
 * {@code LoginThrottlePostgresIT}): one client is slowed down while another gets in; only
 * failures stay counted; concurrent logins never take more tokens than the limit;
 * invented user names and full buckets leave no rows behind; an unreachable database
 * falls back to per-instance counting.
 */
class LoginAttemptsTests {

	private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final JdbcTemplate jdbc;

	private final LoginAttempts attempts;

	LoginAttemptsTests() {
		DataSource h2 = h2();
		this.jdbc = new JdbcTemplate(h2);
		this.attempts = attempts(h2, this.clock);
	}

	/** A new in-memory H2 with the {@code login_bucket} table of V9. */
	static DataSource h2() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
		new JdbcTemplate(h2)
			.execute("CREATE TABLE login_bucket (id BIGINT PRIMARY KEY, state BYTEA, expires_at BIGINT)");
		return h2;
	}

	/** Login attempts of the users {@code admin} and {@code alice}. */
	static LoginAttempts attempts(DataSource dataSource, Clock clock) {
		return new LoginAttempts(new LoginBucketStore(dataSource, clock, Duration.ofSeconds(5)),
				Set.of("admin", "alice")::contains, clock);
	}

	private void fail(LoginAttempts attempts, String user, String client, int times) {
		for (int i = 0; i < times; i++) {
			Decision decision = attempts.reserve(user, client);
			assertThat(decision).as("attempt " + i).isInstanceOf(Reserved.class);
			attempts.release((Reserved) decision, Outcome.FAILED);
		}
	}

	private int rows() {
		Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM login_bucket", Integer.class);
		return (rows != null) ? rows : 0;
	}

	@Test
	void slowsDownOneClientWhileAnotherGetsIn() {
		fail(this.attempts, "admin", "10.0.0.1", 10);
		Decision refused = this.attempts.reserve("admin", "10.0.0.1");
		assertThat(refused).isInstanceOfSatisfying(Refused.class, (r) -> {
			assertThat(r.busy()).isFalse();
			assertThat(r.perUser()).isFalse();
			// One token comes back every 30 seconds.
			assertThat(r.retryAfter()).isBetween(Duration.ofSeconds(29), Duration.ofSeconds(30));
		});
		assertThat(this.attempts.reserve("admin", "10.0.0.2")).isInstanceOf(Reserved.class);
		// A trickle: one more attempt 30 seconds later, then refused again.
		this.clock.set(T0.plusSeconds(30));
		fail(this.attempts, "admin", "10.0.0.1", 1);
		assertThat(this.attempts.reserve("admin", "10.0.0.1")).isInstanceOf(Refused.class);
	}

	@Test
	void keepsOnlyFailuresCounted() {
		for (int i = 0; i < 50; i++) {
			Decision decision = this.attempts.reserve("admin", "10.0.0.1");
			assertThat(decision).isInstanceOf(Reserved.class);
			this.attempts.release((Reserved) decision, (i % 2 == 0) ? Outcome.ACCEPTED : Outcome.UNKNOWN);
		}
		fail(this.attempts, "admin", "10.0.0.1", 10);
		assertThat(this.attempts.reserve("admin", "10.0.0.1")).isInstanceOf(Refused.class);
	}

	@Test
	void slowsDownAUserNameTriedFromManyAddresses() {
		for (int client = 0; client < 10; client++) {
			fail(this.attempts, "alice", "10.0.1." + client, 10);
		}
		assertThat(this.attempts.reserve("alice", "10.0.2.1")).isInstanceOfSatisfying(Refused.class,
				(r) -> assertThat(r.perUser()).isTrue());
		// Other user names are not concerned.
		assertThat(this.attempts.reserve("admin", "10.0.2.1")).isInstanceOf(Reserved.class);
	}

	@Test
	void inventedUserNamesShareOneNameAndFullBucketsAreDeleted() {
		for (int i = 0; i < 30; i++) {
			Decision decision = this.attempts.reserve("nobody-" + i, "10.0.0.1");
			if (decision instanceof Reserved reserved) {
				this.attempts.release(reserved, Outcome.FAILED);
			}
		}
		// One bucket for the address and one for the shared name, not one per name.
		assertThat(rows()).isEqualTo(2);
		assertThat(this.attempts.reserve("nobody-else", "10.0.0.1")).isInstanceOf(Refused.class);
		fail(this.attempts, "admin", "10.0.0.1", 3);
		assertThat(rows()).isEqualTo(4);
		// Once full again, the buckets go with the next login's clean-up.
		this.clock.set(T0.plus(Duration.ofHours(2)));
		Decision next = this.attempts.reserve("admin", "10.0.0.3");
		assertThat(next).isInstanceOf(Reserved.class);
		assertThat(rows()).isEqualTo(2);
	}

	@Test
	void concurrentLoginsNeverTakeMoreTokensThanTheLimit() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Decision>> decisions = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				decisions.add(pool.submit(() -> {
					start.await();
					return this.attempts.reserve("admin", "10.0.0.1");
				}));
			}
			start.countDown();
			int reserved = 0;
			for (Future<Decision> decision : decisions) {
				if (decision.get(60, TimeUnit.SECONDS) instanceof Reserved) {
					reserved++;
				}
			}
			assertThat(reserved).isEqualTo(10);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void countsInMemoryWhileTheDatabaseIsUnreachable() {
		LoginAttempts offline = attempts(new AbstractDataSource() {

			@Override
			public java.sql.Connection getConnection() throws java.sql.SQLException {
				throw new SQLTransientConnectionException("pool timed out");
			}

			@Override
			public java.sql.Connection getConnection(String username, String password) throws java.sql.SQLException {
				return getConnection();
			}

		}, this.clock);
		fail(offline, "admin", "10.0.0.1", 10);
		assertThat(offline.reserve("admin", "10.0.0.1")).isInstanceOf(Refused.class);
		assertThat(offline.reserve("admin", "10.0.0.2")).isInstanceOf(Reserved.class);
	}

}
