package org.coursesync.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * Bucket4j buckets in the {@code login_bucket} table (V9), shared by every instance on
 * the database: Bucket4j's generic select-for-update algorithm with SQL that runs
 * unchanged on PostgreSQL and on H2 (Bucket4j's PostgreSQL module names a conflict target
 * in its {@code ON CONFLICT}, which H2 refuses). Time is the application's {@link Clock};
 * each row carries when its bucket is full again ({@code expires_at}, epoch
 * milliseconds), so that {@link #deleteExpired} can drop it.
 */
final class LoginBucketStore extends AbstractSelectForUpdateBasedProxyManager<Long> {

	private static final String SELECT = "SELECT state FROM login_bucket WHERE id = ? FOR UPDATE";

	private static final String INSERT = "INSERT INTO login_bucket (id, state, expires_at) VALUES (?, NULL, NULL) "
			+ "ON CONFLICT DO NOTHING";

	private static final String UPDATE = "UPDATE login_bucket SET state = ?, expires_at = ? WHERE id = ?";

	private static final String DELETE = "DELETE FROM login_bucket WHERE id = ?";

	private static final String DELETE_EXPIRED = "DELETE FROM login_bucket WHERE id IN "
			+ "(SELECT id FROM login_bucket WHERE expires_at < ? LIMIT ?)";

	/**
	 * A full bucket holds nothing worth keeping: its row may go as soon as it is full.
	 */
	private static final ExpirationAfterWriteStrategy EXPIRATION = ExpirationAfterWriteStrategy
		.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO);

	private final DataSource dataSource;

	private final Clock clock;

	LoginBucketStore(DataSource dataSource, Clock clock, Duration timeout) {
		super(ClientSideConfig.getDefault().withClientClock(timeMeter(clock)).withRequestTimeout(timeout));
		this.dataSource = dataSource;
		this.clock = clock;
	}

	/** Bucket4j's time: the application's clock (tests move it). */
	static TimeMeter timeMeter(Clock clock) {
		return new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				return clock.millis() * 1_000_000L;
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

	/** Deletes at most {@code limit} rows of buckets already full again. */
	int deleteExpired(int limit) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
			delete.setLong(1, this.clock.millis());
			delete.setInt(2, limit);
			return delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw BucketExceptions.executionException(ex);
		}
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	@Override
	public void removeProxy(Long key) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement delete = connection.prepareStatement(DELETE)) {
			delete.setLong(1, key);
			delete.executeUpdate();
		}
		catch (SQLException ex) {
			throw BucketExceptions.executionException(ex);
		}
	}

	@Override
	protected SelectForUpdateBasedTransaction allocateTransaction(Long key, Optional<Long> timeoutNanos) {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw BucketExceptions.executionException(ex);
		}
		return new Transaction(connection, key);
	}

	/** One Bucket4j transaction on its own connection. */
	private final class Transaction implements SelectForUpdateBasedTransaction {

		private final Connection connection;

		private final long key;

		Transaction(Connection connection, long key) {
			this.connection = connection;
			this.key = key;
		}

		@Override
		public void begin(Optional<Long> timeoutNanos) {
			run(() -> this.connection.setAutoCommit(false));
		}

		@Override
		public void rollback() {
			run(this.connection::rollback);
		}

		@Override
		public void commit(Optional<Long> timeoutNanos) {
			run(this.connection::commit);
		}

		@Override
		public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
			try (PreparedStatement select = this.connection.prepareStatement(SELECT)) {
				applyTimeout(select, timeoutNanos);
				select.setLong(1, this.key);
				try (ResultSet row = select.executeQuery()) {
					return row.next() ? LockAndGetResult.locked(row.getBytes(1)) : LockAndGetResult.notLocked();
				}
			}
			catch (SQLException ex) {
				throw BucketExceptions.executionException(ex);
			}
		}

		@Override
		public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
			try (PreparedStatement insert = this.connection.prepareStatement(INSERT)) {
				applyTimeout(insert, timeoutNanos);
				insert.setLong(1, this.key);
				return insert.executeUpdate() > 0;
			}
			catch (SQLException ex) {
				throw BucketExceptions.executionException(ex);
			}
		}

		@Override
		public void update(byte[] data, RemoteBucketState state, Optional<Long> timeoutNanos) {
			long now = LoginBucketStore.this.clock.millis();
			long ttl = EXPIRATION.calculateTimeToLiveMillis(state, now * 1_000_000L);
			try (PreparedStatement update = this.connection.prepareStatement(UPDATE)) {
				applyTimeout(update, timeoutNanos);
				update.setBytes(1, data);
				update.setLong(2, (ttl < 0) ? Long.MAX_VALUE : now + ttl);
				update.setLong(3, this.key);
				update.executeUpdate();
			}
			catch (SQLException ex) {
				throw BucketExceptions.executionException(ex);
			}
		}

		@Override
		public void release() {
			run(this.connection::close);
		}

		private void run(SqlAction action) {
			try {
				action.run();
			}
			catch (SQLException ex) {
				throw BucketExceptions.executionException(ex);
			}
		}

	}

	@FunctionalInterface
	private interface SqlAction {

		void run() throws SQLException;

	}

}
