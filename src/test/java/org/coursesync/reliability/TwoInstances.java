package org.coursesync.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.coursesync.CourseSyncApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application as a separate "instance" on a given database, as a load balancer
 * would see several of them.
 */
final class TwoInstances {

	private TwoInstances() {
	}

	static ConfigurableApplicationContext start(String jdbcUrl, String... extra) {
		String[] args = new String[extra.length + 6];
		args[0] = "--spring.datasource.url=" + jdbcUrl;
		args[1] = "--spring.datasource.username=postgres";
		args[2] = "--spring.datasource.password=postgres";
		args[3] = "--server.port=0";
		args[4] = "--spring.main.banner-mode=off";
		args[5] = "--spring.datasource.hikari.maximum-pool-size=10";
		System.arraycopy(extra, 0, args, 6, extra.length);
		return new SpringApplicationBuilder(CourseSyncApplication.class).profiles("test").run(args);
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String url(EmbeddedPostgres postgres) {
		return postgres.getJdbcUrl("postgres", "postgres");
	}

}
