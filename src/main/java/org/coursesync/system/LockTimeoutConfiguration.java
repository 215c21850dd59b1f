package org.coursesync.system;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Bounds how long any statement waits for a lock held by another session (a row locked by
 * an admin's transaction, a stuck client): every pooled connection starts with the
 * database's own lock timeout, well under a sender's timeout. A sync that hits it is
 * answered 503 with {@code Retry-After} instead of being applied after the sender gave
 * up.
 */
@Configuration(proxyBeanMethods = false)
class LockTimeoutConfiguration {

	/** The longest wait for a row lock. */
	static final Duration LOCK_TIMEOUT = Duration.ofSeconds(3);

	private static final Logger logger = LoggerFactory.getLogger(LockTimeoutConfiguration.class);

	@Bean
	static BeanPostProcessor lockTimeoutOnEveryConnection() {
		return new LockTimeoutPostProcessor();
	}

	/** Configures the pool before any post-processor that may wrap it. */
	private static final class LockTimeoutPostProcessor implements BeanPostProcessor, Ordered {

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof HikariDataSource pool) {
				configure(pool);
			}
			return bean;
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

	/**
	 * Sets the pool's connection init SQL to the lock timeout of its database (before the
	 * pool starts); leaves an init SQL the operator set alone.
	 */
	static void configure(HikariDataSource pool) {
		String statement = statement(pool.getJdbcUrl());
		if (statement == null) {
			return;
		}
		if (pool.getConnectionInitSql() != null) {
			logger.warn("spring.datasource.hikari.connection-init-sql is set: the lock timeout ({}) is not applied",
					statement);
			return;
		}
		pool.setConnectionInitSql(statement);
	}

	/**
	 * The statement that sets the session's lock timeout, or null for another database.
	 */
	static String statement(String jdbcUrl) {
		if (jdbcUrl == null) {
			return null;
		}
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return "SET lock_timeout = '" + LOCK_TIMEOUT.toMillis() + "ms'";
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			return "SET LOCK_TIMEOUT " + LOCK_TIMEOUT.toMillis();
		}
		return null;
	}

}
