package org.coursesync.system;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a start-up check that names its key ({@code coursesync.admin.password is not
 * set...}, {@code coursesync.lms-backends[0].course-regex: does not compile...}) into one
 * short paragraph instead of a long stack trace: what is wrong, and which key or
 * environment variable to fix.
 */
class ConfigurationFailureAnalyzer implements FailureAnalyzer {

	private static final Pattern KEY = Pattern.compile("^(coursesync\\.[a-z0-9.\\[\\]-]*[a-z0-9\\]])");

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			Matcher key = (message != null) ? KEY.matcher(message) : null;
			if (key != null && key.find()) {
				return analysis(key.group(1), message, cause);
			}
		}
		return null;
	}

	private static FailureAnalysis analysis(String key, String message, Throwable cause) {
		StringBuilder action = new StringBuilder("Fix ").append(key)
			.append(" in the configuration (application.yml, a file in config/, a file under /run/secrets/ ")
			.append("or the environment variable ")
			.append(environmentVariable(key))
			.append(") and start again.");
		if (key.endsWith(".course-regex")) {
			action.append(" The regex uses Python syntax, as Richie's COURSE_REGEX; an openedx backend names ")
				.append("its course key group, e.g. ^.*/courses/(?P<course_id>.+)/(course|info)/?$");
		}
		if (key.equals("coursesync.trusted-proxies")) {
			action.append(" It is a Java regular expression matched against the whole address of the connecting ")
				.append("proxy, with dots escaped and alternatives separated by |, e.g. 10\\.0\\.0\\.\\d+|127\\.0\\.0\\.1");
		}
		if (key.startsWith("coursesync.admin.")) {
			action.append(" Users are listed under coursesync.admin.users, each {username, password, role} with role ")
				.append("viewer, editor or admin and a unique user name; at least one admin is needed (a user, or ")
				.append("coursesync.admin.username and coursesync.admin.password).");
		}
		return new FailureAnalysis("Invalid configuration: " + message, action.toString(), cause);
	}

	/** The environment variable for {@code key}, spelled as the README spells them. */
	static String environmentVariable(String key) {
		return key.replaceAll("\\[(\\d+)]", "_$1").replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

}
