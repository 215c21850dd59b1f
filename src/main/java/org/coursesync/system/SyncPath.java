package org.coursesync.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriUtils;

/**
 * Recognizes the sync endpoint's path however it is spelled. The servlet container and
 * Spring MVC decode percent-escapes, drop {@code ;} path parameters and resolve
 * {@code .}, {@code ..} and empty segments before mapping, so the gate compares the same
 * canonical form: any spelling that could reach the sync controller meets the signature
 * check first.
 */
public final class SyncPath {

	private static final Pattern SYNC_PATH = Pattern.compile("^/api/([^/]*)/course-runs-sync/?$");

	private SyncPath() {
	}

	/**
	 * The version segment when {@code request} is for the sync endpoint in any spelling,
	 * else null.
	 */
	public static String version(HttpServletRequest request) {
		String raw = request.getRequestURI();
		String context = request.getContextPath();
		if (!context.isEmpty() && raw.startsWith(context)) {
			raw = raw.substring(context.length());
		}
		String version = version(canonical(raw));
		if (version == null) {
			// The container's own decoded and normalized view, in case it differs.
			String servletPath = request.getServletPath()
					+ ((request.getPathInfo() != null) ? request.getPathInfo() : "");
			version = version(canonical(servletPath));
		}
		return version;
	}

	private static String version(String path) {
		Matcher matcher = SYNC_PATH.matcher(path);
		return matcher.matches() ? matcher.group(1) : null;
	}

	/**
	 * {@code path} with path parameters removed, each segment percent-decoded, and empty,
	 * {@code .} and {@code ..} segments resolved; no trailing slash.
	 */
	public static String canonical(String path) {
		Deque<String> segments = new ArrayDeque<>();
		for (String segment : path.split("/", -1)) {
			int parameters = segment.indexOf(';');
			String value = decode((parameters >= 0) ? segment.substring(0, parameters) : segment);
			if (value.isEmpty() || value.equals(".")) {
				continue;
			}
			if (value.equals("..")) {
				segments.pollLast();
				continue;
			}
			segments.addLast(value);
		}
		return "/" + String.join("/", segments);
	}

	private static String decode(String segment) {
		if (segment.indexOf('%') < 0) {
			return segment;
		}
		try {
			return UriUtils.decode(segment, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// Not a valid escape: the container refuses such a path before any filter.
			return segment;
		}
	}

}
