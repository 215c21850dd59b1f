package org.coursesync.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.coursesync.system.CourseSyncProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate of the sync endpoint, before any parsing: version (404), method (405), Accept
 * (406), body size (413, without reading the rest), then the signature over the raw bytes
 * (403 when missing, 401 when no secret matches), with the opt-in signed timestamp. A
 * request that passes goes on with its bytes in a {@link SignedBody} attribute.
 */
public class SyncRequestFilter extends OncePerRequestFilter {

	/**
	 * Header of the opt-in replay protection: unix seconds, signed as
	 * {@code <ts>.<body>}.
	 */
	public static final String TIMESTAMP_HEADER = "X-Coursesync-Timestamp";

	private static final Logger logger = LoggerFactory.getLogger(SyncRequestFilter.class);

	private static final Pattern SYNC_PATH = Pattern.compile("^/api/([^/]*)/course-runs-sync/?$");

	private static final Set<String> VERSIONS = Set.of("1.0", "v1.0");

	private final SignatureVerifier verifier;

	private final DataSize maxBodySize;

	private final Duration replayTolerance;

	private final boolean requireTimestamp;

	private final Clock clock;

	private final SyncRejections rejections;

	public SyncRequestFilter(CourseSyncProperties properties, Clock clock, SyncRejections rejections) {
		this.verifier = new SignatureVerifier(properties.secrets());
		this.maxBodySize = properties.maxBodySize();
		this.replayTolerance = properties.replayTolerance();
		this.requireTimestamp = properties.requireTimestamp();
		this.clock = clock;
		this.rejections = rejections;
		if (this.verifier.isEmpty()) {
			logger.warn("coursesync.secrets is empty: every signed sync request will be answered 401");
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isSyncPath(request);
	}

	/**
	 * Whether {@code request} is for the sync endpoint, in any version: the requests this
	 * filter answers or lets through to the sync controller.
	 */
	public static boolean isSyncPath(HttpServletRequest request) {
		return SYNC_PATH.matcher(path(request)).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Matcher matcher = SYNC_PATH.matcher(path(request));
		if (!matcher.matches() || !VERSIONS.contains(matcher.group(1))) {
			this.rejections.write(response, HttpServletResponse.SC_NOT_FOUND, Rejection.INVALID_VERSION);
			return;
		}
		if (!"POST".equals(request.getMethod())) {
			response.setHeader("Allow", "POST");
			this.rejections.writeDetail(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
					"Method \"" + request.getMethod() + "\" not allowed.");
			return;
		}
		if (!acceptsJson(request)) {
			this.rejections.write(response, HttpServletResponse.SC_NOT_ACCEPTABLE, Rejection.NOT_ACCEPTABLE);
			return;
		}
		byte[] body = readBody(request);
		if (body == null) {
			response.setHeader("Connection", "close");
			this.rejections.writeDetail(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
					"Request body larger than " + humanSize(this.maxBodySize) + ".");
			return;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || authorization.isEmpty()) {
			this.rejections.write(response, HttpServletResponse.SC_FORBIDDEN, Rejection.MISSING_AUTHENTICATION);
			return;
		}
		int secretIndex = verify(authorization, request.getHeader(TIMESTAMP_HEADER), body);
		if (secretIndex < 0) {
			this.rejections.write(response, HttpServletResponse.SC_UNAUTHORIZED, Rejection.INVALID_AUTHENTICATION);
			return;
		}
		request.setAttribute(SignedBody.ATTRIBUTE, new SignedBody(body, secretIndex));
		chain.doFilter(request, response);
	}

	private int verify(String authorization, String timestamp, byte[] body) {
		byte[] header = authorization.getBytes(StandardCharsets.ISO_8859_1);
		if (timestamp == null) {
			return this.requireTimestamp ? -1 : this.verifier.verify(header, new byte[0], body);
		}
		if (!isFresh(timestamp)) {
			return -1;
		}
		return this.verifier.verify(header, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
	}

	private boolean isFresh(String timestamp) {
		if (timestamp.isEmpty() || timestamp.length() > 12 || !timestamp.chars().allMatch(Character::isDigit)) {
			return false;
		}
		long now = this.clock.instant().getEpochSecond();
		return Math.abs(now - Long.parseLong(timestamp)) <= this.replayTolerance.toSeconds();
	}

	/** The body, or null when it is larger than the limit (the rest is left unread). */
	private byte[] readBody(HttpServletRequest request) throws IOException {
		long limit = this.maxBodySize.toBytes();
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			return null;
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
			return (bytes.length > limit) ? null : bytes;
		}
	}

	/** The limit as configured ({@code 10MB}, {@code 64KB}), not in bytes. */
	static String humanSize(DataSize size) {
		long bytes = size.toBytes();
		for (String unit : new String[] { "GB", "MB", "KB" }) {
			long factor = DataSize.parse("1" + unit).toBytes();
			if (bytes >= factor && bytes % factor == 0) {
				return (bytes / factor) + unit;
			}
		}
		return bytes + "B";
	}

	private static boolean acceptsJson(HttpServletRequest request) {
		List<String> accepts = java.util.Collections.list(request.getHeaders("Accept"));
		if (accepts.isEmpty()) {
			return true;
		}
		try {
			for (String accept : accepts) {
				if (accept.isBlank()) {
					return true;
				}
				for (MediaType type : MediaType.parseMediaTypes(accept)) {
					if (type.includes(MediaType.APPLICATION_JSON)) {
						return true;
					}
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		return false;
	}

	private static String path(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String context = request.getContextPath();
		return (context.isEmpty()) ? uri : uri.substring(context.length());
	}

}
