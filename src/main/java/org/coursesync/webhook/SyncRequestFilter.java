package org.coursesync.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.coursesync.system.SyncPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The gate of the sync endpoint, before any parsing: version (404), method (405), Accept
 * (406), declared body size (413), then the {@code Authorization} header (403 when
 * missing, 401 when malformed or its signed timestamp is stale), all before a byte of the
 * body is read. Only then is the body read, through the signatures as it streams and
 * within the {@link BodyBudget} (503 when it stays spent, 413 past the limit, 401 when no
 * secret matches). A request that passes goes on with its bytes in a {@link SignedBody}
 * attribute, and any failure after that is answered in the endpoint's own shape.
 */
public class SyncRequestFilter extends OncePerRequestFilter {

	/**
	 * Header of the opt-in replay protection: unix seconds, signed as
	 * {@code <ts>.<body>}.
	 */
	public static final String TIMESTAMP_HEADER = "X-Coursesync-Timestamp";

	private static final Logger logger = LoggerFactory.getLogger(SyncRequestFilter.class);

	private static final Pattern AUTHORIZATION = Pattern.compile("SIG-HMAC-SHA256 [0-9a-f]{64}");

	private static final Set<String> VERSIONS = Set.of("1.0", "v1.0");

	private static final byte[] NO_PREFIX = new byte[0];

	private final SignatureVerifier verifier;

	private final DataSize maxBodySize;

	private final Duration replayTolerance;

	private final boolean requireTimestamp;

	private final Clock clock;

	private final SyncRejections rejections;

	private final BodyBudget budget;

	private final BodyReader reader;

	SyncRequestFilter(WebhookProperties properties, Clock clock, SyncRejections rejections, BodyBudget budget) {
		this.verifier = new SignatureVerifier(properties.secrets());
		this.maxBodySize = properties.maxBodySize();
		this.replayTolerance = properties.replayTolerance();
		this.requireTimestamp = properties.requireTimestamp();
		this.clock = clock;
		this.rejections = rejections;
		this.budget = budget;
		this.reader = new BodyReader(budget, this.maxBodySize.toBytes());
		if (this.verifier.isEmpty()) {
			logger.warn("coursesync.secrets is empty: every signed sync request will be answered 401");
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isSyncPath(request);
	}

	/**
	 * Whether {@code request} is for the sync endpoint, in any version and any spelling
	 * of its path: the requests this filter answers or lets through to the sync
	 * controller.
	 */
	public static boolean isSyncPath(HttpServletRequest request) {
		return SyncPath.version(request) != null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// Until the body is read, any answer leaves it unread.
		request.setAttribute(UnreadBodyValve.ATTRIBUTE, Boolean.TRUE);
		String version = SyncPath.version(request);
		if (version == null || !VERSIONS.contains(version)) {
			this.rejections.write(request, response, HttpServletResponse.SC_NOT_FOUND, Rejection.INVALID_VERSION,
					RejectionReason.INVALID_VERSION);
			return;
		}
		if (!"POST".equals(request.getMethod())) {
			response.setHeader("Allow", "POST");
			this.rejections.writeDetail(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
					"Method \"" + request.getMethod() + "\" not allowed.", RejectionReason.METHOD_NOT_ALLOWED);
			return;
		}
		if (!acceptsJson(request)) {
			this.rejections.write(request, response, HttpServletResponse.SC_NOT_ACCEPTABLE, Rejection.NOT_ACCEPTABLE,
					RejectionReason.NOT_ACCEPTABLE);
			return;
		}
		long declared = request.getContentLengthLong();
		if (declared > this.maxBodySize.toBytes()) {
			tooLarge(request, response);
			return;
		}
		String authorization = request.getHeader("Authorization");
		if (authorization == null || authorization.isEmpty()) {
			this.rejections.write(request, response, HttpServletResponse.SC_FORBIDDEN, Rejection.MISSING_AUTHENTICATION,
					RejectionReason.MISSING_SIGNATURE);
			return;
		}
		String timestamp = request.getHeader(TIMESTAMP_HEADER);
		RejectionReason unverifiable = unverifiable(authorization, timestamp);
		if (unverifiable != null) {
			this.rejections.write(request, response, HttpServletResponse.SC_UNAUTHORIZED,
					Rejection.INVALID_AUTHENTICATION, unverifiable);
			return;
		}
		byte[] prefix = (timestamp != null) ? (timestamp + ".").getBytes(StandardCharsets.US_ASCII) : NO_PREFIX;
		SignatureVerifier.Digests digests = this.verifier.start(prefix);
		BodyReader.Outcome outcome;
		try {
			outcome = this.reader.read(request.getInputStream(), declared, digests);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			outcome = new BodyReader.Busy();
		}
		if (outcome instanceof BodyReader.TooLarge) {
			tooLarge(request, response);
			return;
		}
		if (!(outcome instanceof BodyReader.Body body)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			this.rejections.writeDetail(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
					"The service is busy; retry in a few seconds.", RejectionReason.BUSY);
			return;
		}
		request.removeAttribute(UnreadBodyValve.ATTRIBUTE);
		try {
			OptionalInt secretIndex = digests.match(authorization.getBytes(StandardCharsets.ISO_8859_1));
			if (secretIndex.isEmpty()) {
				this.rejections.write(request, response, HttpServletResponse.SC_UNAUTHORIZED,
						Rejection.INVALID_AUTHENTICATION, RejectionReason.WRONG_SIGNATURE);
				return;
			}
			request.setAttribute(SignedBody.ATTRIBUTE, new SignedBody(body.bytes(), secretIndex.getAsInt()));
			forward(request, response, chain);
		}
		finally {
			this.budget.release(body.held());
		}
	}

	/**
	 * Passes a verified request on; whatever fails behind this point is answered 500
	 * {@code {"detail":"A server error occurred."}}, never by the container's error page.
	 */
	private void forward(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, new SyncErrorResponse(request, response, this.rejections));
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (response.isCommitted()) {
				throw ex;
			}
			// Class and place only: an exception's message may quote the payload.
			Throwable cause = (ex instanceof ServletException && ex.getCause() != null) ? ex.getCause() : ex;
			StackTraceElement[] trace = cause.getStackTrace();
			logger.error("Sync request failed: {} at {}", cause.getClass().getName(),
					(trace.length > 0) ? trace[0] : "?");
			response.reset();
			this.rejections.writeDetail(request, response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
					SyncErrorResponse.SERVER_ERROR, RejectionReason.SERVER_ERROR);
		}
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// The body is left unread: the connection is closed right after this answer
		// (see WebhookConfiguration), not drained.
		response.setHeader("Connection", "close");
		this.rejections.writeDetail(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
				"Request body larger than " + humanSize(this.maxBodySize) + ".", RejectionReason.TOO_LARGE);
	}

	/**
	 * Why the request cannot be authenticated whatever its body, or null when its body
	 * may be verified: a header not of Richie's form, no secret configured, a missing,
	 * malformed or stale timestamp. The signature covers {@code <ts>.} before the body
	 * when a timestamp is sent.
	 */
	private RejectionReason unverifiable(String authorization, String timestamp) {
		if (!AUTHORIZATION.matcher(authorization).matches()) {
			return RejectionReason.MALFORMED_SIGNATURE;
		}
		if (this.verifier.isEmpty()) {
			return RejectionReason.NO_SECRETS;
		}
		if (timestamp == null) {
			return this.requireTimestamp ? RejectionReason.MISSING_TIMESTAMP : null;
		}
		if (timestamp.isEmpty() || timestamp.length() > 12 || !timestamp.chars().allMatch(Character::isDigit)) {
			return RejectionReason.MALFORMED_TIMESTAMP;
		}
		long now = this.clock.instant().getEpochSecond();
		boolean fresh = Math.abs(now - Long.parseLong(timestamp)) <= this.replayTolerance.toSeconds();
		return fresh ? null : RejectionReason.STALE_TIMESTAMP;
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
		List<String> accepts = Collections.list(request.getHeaders("Accept"));
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

}
