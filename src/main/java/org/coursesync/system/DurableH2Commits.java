package org.coursesync.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * On an H2 database kept in a file, a commit returns only once H2 has written it to the
 * file, so that a write acknowledged to a client survives a crash of the JVM
 * ({@code kill -9}). H2 itself writes commits from a background thread up to its write
 * delay later; writing each commit itself ({@code WRITE_DELAY=0}) also stops that thread,
 * which is what compacts the file, and the file then grows by tens of kilobytes per
 * write. So the background thread stays, and each commit is followed by a
 * {@code CHECKPOINT} (H2's "write what is committed"), one for all the commits that ended
 * while another ran: a group commit. See docs/write-path.md, "Nothing acknowledged is
 * lost".
 */
@Configuration(proxyBeanMethods = false)
class DurableH2Commits {

	private static final Set<String> WRITES = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
			"executeLargeBatch");

	/**
	 * Wraps the pool of an H2 file database; ordered last, after the post-processors that
	 * configure the pool itself ({@link LockTimeoutConfiguration}).
	 */
	@Bean
	static BeanPostProcessor durableH2CommitsPostProcessor() {
		return new DurableCommitsPostProcessor();
	}

	/** {@link DurableCommits} on the data source in use: a no-op but on an H2 file. */
	@Bean
	static DurableCommits durableCommits(DataSource dataSource) {
		if (!(dataSource instanceof DurableDataSource durable)) {
			return () -> {
			};
		}
		return () -> {
			try {
				durable.awaitWritten(false);
			}
			catch (SQLException ex) {
				throw new DataAccessResourceFailureException("Could not write the commits to the H2 file", ex);
			}
		};
	}

	/**
	 * Holds each response of a request that committed until its commits are in the file;
	 * every controller answers with a body or a {@code ResponseEntity}, which go through
	 * here (even without a body).
	 */
	@ControllerAdvice
	static class WrittenBeforeAnswered implements ResponseBodyAdvice<Object> {

		private final DurableDataSource durable;

		WrittenBeforeAnswered(DataSource dataSource) {
			this.durable = (dataSource instanceof DurableDataSource d) ? d : null;
		}

		@Override
		public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
			return this.durable != null;
		}

		@Override
		public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
				Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
				ServerHttpResponse response) {
			try {
				HttpMethod method = request.getMethod();
				this.durable.awaitWritten(!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method));
			}
			catch (SQLException ex) {
				throw new DataAccessResourceFailureException("Could not write the commits to the H2 file", ex);
			}
			return body;
		}

	}

	/** Whether {@code jdbcUrl} is an H2 database kept in a file (or an H2 server). */
	static boolean isPersistentH2(String jdbcUrl) {
		return jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
	}

	private static final class DurableCommitsPostProcessor implements BeanPostProcessor, Ordered {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof HikariDataSource pool && isPersistentH2(pool.getJdbcUrl())) {
				return new DurableDataSource(pool);
			}
			return bean;
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

	/**
	 * Hands out connections whose commits are recorded, so that the answer that follows
	 * waits until they are in the file.
	 */
	static final class DurableDataSource extends DelegatingDataSource {

		private final Checkpoints checkpoints;

		DurableDataSource(DataSource pool) {
			super(pool);
			this.checkpoints = new Checkpoints(pool);
		}

		/** See {@link Checkpoints#awaitWritten}. */
		void awaitWritten(boolean everyCommitSoFar) throws SQLException {
			this.checkpoints.awaitWritten(everyCommitSoFar);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return durable(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return durable(super.getConnection(username, password));
		}

		/** How many checkpoints ran: fewer than commits when commits end together. */
		long checkpoints() {
			return this.checkpoints.runs.get();
		}

		private Connection durable(Connection connection) {
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					new ConnectionHandler(connection, this.checkpoints));
		}

	}

	/**
	 * The group commit: a commit takes a ticket once it returned, kept for its thread; a
	 * checkpoint started after it covers it, so a thread that finds one covering its
	 * ticket has nothing to do.
	 */
	static final class Checkpoints {

		private static final ThreadLocal<Long> PENDING = new ThreadLocal<>();

		private final DataSource pool;

		private final AtomicLong commits = new AtomicLong();

		private final AtomicLong runs = new AtomicLong();

		private final Object lock = new Object();

		private long writtenUpTo;

		Checkpoints(DataSource pool) {
			this.pool = pool;
		}

		void committed() {
			PENDING.set(this.commits.incrementAndGet());
		}

		/**
		 * Returns once the commits of this thread are in the file, or, for a request that
		 * may write ({@code everyCommitSoFar}), every commit that ended before now:
		 * another thread may have committed for it.
		 */
		void awaitWritten(boolean everyCommitSoFar) throws SQLException {
			Long own = PENDING.get();
			PENDING.remove();
			long ticket = everyCommitSoFar ? this.commits.get() : (own != null) ? own : 0;
			if (ticket == 0) {
				return;
			}
			synchronized (this.lock) {
				if (this.writtenUpTo >= ticket) {
					return;
				}
				long upTo = this.commits.get();
				try (Connection connection = this.pool.getConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("CHECKPOINT");
				}
				this.runs.incrementAndGet();
				this.writtenUpTo = upTo;
			}
		}

	}

	/**
	 * A connection whose {@code commit()}, and whose writes in auto-commit mode, are
	 * recorded for the response that follows.
	 */
	private record ConnectionHandler(Connection target, Checkpoints checkpoints) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if (name.equals("unwrap") && args[0] instanceof Class<?> type && type.isInstance(proxy)) {
				return proxy;
			}
			boolean committing = name.equals("commit")
					|| (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]) && !this.target.getAutoCommit());
			Object result = call(this.target, method, args);
			if (committing) {
				this.checkpoints.committed();
			}
			else if (result instanceof Statement statement
					&& (name.startsWith("create") || name.startsWith("prepare"))) {
				return statement(statement, method.getReturnType());
			}
			return result;
		}

		private Object statement(Statement statement, Class<?> type) {
			return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
					new StatementHandler(statement, this.target, this.checkpoints));
		}

	}

	/** A statement whose writes in auto-commit mode are recorded. */
	private record StatementHandler(Statement target, Connection connection,
			Checkpoints checkpoints) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			Object result = call(this.target, method, args);
			if (WRITES.contains(method.getName()) && this.connection.getAutoCommit()) {
				this.checkpoints.committed();
			}
			return result;
		}

	}

	private static Object call(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
