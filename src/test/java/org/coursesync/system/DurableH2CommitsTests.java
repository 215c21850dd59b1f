package org.coursesync.system;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.coursesync.system.DurableH2Commits.DurableDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The H2 group commit on a real H2 file: a request that committed waits for one
 * checkpoint, shared with the requests that end together; a request that did not commit
 * waits for none. (That a kill of the JVM keeps every acknowledged sync is
 * {@code EmbeddedDatabaseDurabilityIT}.)
 */
class DurableH2CommitsTests {

	@TempDir
	Path dir;

	private HikariDataSource pool;

	private DurableDataSource durable;

	@BeforeEach
	void openDatabase() throws Exception {
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl("jdbc:h2:file:" + this.dir.resolve("db").toAbsolutePath());
		this.pool.setUsername("sa");
		this.pool.setMaximumPoolSize(10);
		this.durable = new DurableDataSource(this.pool);
		try (Connection connection = this.durable.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE item (id INT PRIMARY KEY)");
		}
		this.durable.awaitWritten(false);
	}

	@AfterEach
	void closeDatabase() {
		this.pool.close();
	}

	@Test
	void aReadOnlyRequestWaitsForNoCheckpoint() throws Exception {
		long before = this.durable.checkpoints();
		try (Connection connection = this.durable.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT count(*) FROM item").close();
		}
		this.durable.awaitWritten(false);
		assertThat(this.durable.checkpoints()).isEqualTo(before);
	}

	@Test
	void aCommitIsCoveredByOneCheckpointBeforeTheAnswer() throws Exception {
		long before = this.durable.checkpoints();
		insertInTransaction(1);
		this.durable.awaitWritten(false);
		assertThat(this.durable.checkpoints()).isEqualTo(before + 1);
		// Already covered: a second wait of the same request costs nothing.
		this.durable.awaitWritten(false);
		assertThat(this.durable.checkpoints()).isEqualTo(before + 1);
	}

	@Test
	void aWriteInAutoCommitModeIsCoveredToo() throws Exception {
		long before = this.durable.checkpoints();
		try (Connection connection = this.durable.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("INSERT INTO item VALUES (7)");
		}
		this.durable.awaitWritten(false);
		assertThat(this.durable.checkpoints()).isEqualTo(before + 1);
	}

	@Test
	void requestsThatEndTogetherShareCheckpoints() throws Exception {
		int requests = 64;
		long before = this.durable.checkpoints();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> answers = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			int id = 100 + i;
			answers.add(threads.submit(() -> {
				start.await();
				insertInTransaction(id);
				this.durable.awaitWritten(false);
				return null;
			}));
		}
		start.countDown();
		for (Future<?> answer : answers) {
			answer.get(60, TimeUnit.SECONDS);
		}
		threads.shutdown();
		long checkpoints = this.durable.checkpoints() - before;
		assertThat(checkpoints).isPositive().isLessThanOrEqualTo(requests);
		try (Connection connection = this.durable.getConnection();
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT count(*) FROM item WHERE id >= 100")) {
			rows.next();
			assertThat(rows.getInt(1)).isEqualTo(requests);
		}
	}

	@Test
	void backgroundWorkWritesItsOwnCommitsSoTheNextAnswerHasNoneToWrite() throws Exception {
		DurableCommits background = DurableH2Commits.durableCommits(this.durable);
		insertInTransaction(3);
		long before = this.durable.checkpoints();
		background.awaitOwnCommits();
		assertThat(this.durable.checkpoints()).isEqualTo(before + 1);
		// A request that may write waits for every commit so far: the background one is
		// already in the file.
		this.durable.awaitWritten(true);
		assertThat(this.durable.checkpoints()).isEqualTo(before + 1);
	}

	@Test
	void backgroundWorkOnAnotherDatabaseWaitsForNothing() throws Exception {
		DurableCommits background = DurableH2Commits.durableCommits(this.pool);
		insertInTransaction(4);
		long before = this.durable.checkpoints();
		background.awaitOwnCommits();
		assertThat(this.durable.checkpoints()).isEqualTo(before);
	}

	private void insertInTransaction(int id) throws Exception {
		try (Connection connection = this.durable.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate("INSERT INTO item VALUES (" + id + ")");
			}
			connection.commit();
			connection.setAutoCommit(true);
		}
	}

}
