package org.coursesync.system;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * An unreachable database, or one that refuses the login, ends the start-up with one
 * paragraph naming {@code spring.datasource.url} (without credentials) and how long it
 * was waited for, instead of Flyway's and Hikari's stack traces.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

	static final String WAIT_KEY = "spring.datasource.hikari.initialization-fail-timeout";

	private final Environment environment;

	DatabaseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		SQLException sql = null;
		Throwable network = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (sql == null && cause instanceof SQLException ex) {
				sql = ex;
			}
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException) {
				network = cause;
			}
		}
		if (sql == null) {
			return null;
		}
		String state = (sql.getSQLState() != null) ? sql.getSQLState() : "";
		String url = redacted(this.environment.getProperty("spring.datasource.url", "(not set)"));
		if (state.startsWith("28")) {
			return new FailureAnalysis("The database at " + url + " refused the login (SQL state " + state + ").",
					"Check spring.datasource.username and spring.datasource.password (environment variables "
							+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, or files under /run/secrets/).",
					sql);
		}
		if (network == null && !state.startsWith("08")) {
			return null;
		}
		String reason = (network != null) ? network.getClass().getSimpleName() : "SQL state " + state;
		String wait = this.environment.getProperty(WAIT_KEY, "1");
		return new FailureAnalysis(
				"Could not connect to the database at " + url + " (spring.datasource.url): " + reason + ", after "
						+ wait + " ms of retries (" + WAIT_KEY + ").",
				"Check that the database is running and reachable from this host at spring.datasource.url "
						+ "(environment variable SPRING_DATASOURCE_URL). If it starts after this service, raise "
						+ WAIT_KEY + " (milliseconds) to wait longer.",
				sql);
	}

	/** The URL without its query string or user info, which may hold credentials. */
	static String redacted(String url) {
		String cut = url;
		int query = cut.indexOf('?');
		if (query >= 0) {
			cut = cut.substring(0, query);
		}
		int semicolon = cut.indexOf(';');
		if (semicolon >= 0 && cut.startsWith("jdbc:h2:")) {
			cut = cut.substring(0, semicolon);
		}
		return cut.replaceAll("//[^/@]*@", "//");
	}

}
