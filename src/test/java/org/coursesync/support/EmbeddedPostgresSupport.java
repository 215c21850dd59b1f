package org.coursesync.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL (zonky's binaries from Maven Central, no Docker) for the whole test
 * JVM, started on first use and stopped when the JVM exits.
 */
public final class EmbeddedPostgresSupport {

	private static EmbeddedPostgres postgres;

	private EmbeddedPostgresSupport() {
	}

	/** The running server, started on first call. */
	public static synchronized EmbeddedPostgres server() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start embedded PostgreSQL", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.close();
				}
				catch (IOException ex) {
					// the JVM is exiting
				}
			}));
		}
		return postgres;
	}

	/** Points the datasource of a test context at the embedded server. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> server().getJdbcUrl("postgres", "postgres"));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

}
