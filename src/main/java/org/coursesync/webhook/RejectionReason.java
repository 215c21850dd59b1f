package org.coursesync.webhook;

/**
 * Why the sync endpoint refused a request before applying any item: the {@code reason}
 * tag of {@code coursesync.sync.rejected.requests}, the reason in the refusal's log line
 * and the value of the {@value SyncRejections#HEADER} response header (never in the body,
 * which stays Richie's).
 */
public enum RejectionReason {

	/** A version other than {@code 1.0} or {@code v1.0} in the path (404). */
	INVALID_VERSION("invalid-version"),
	/** Not a POST (405). */
	METHOD_NOT_ALLOWED("method-not-allowed"),
	/** An {@code Accept} header that excludes JSON (406). */
	NOT_ACCEPTABLE("not-acceptable"),
	/** A body over {@code coursesync.max-body-size}, declared or streamed (413). */
	TOO_LARGE("too-large"),
	/** No {@code Authorization} header (403). */
	MISSING_SIGNATURE("missing-signature"),
	/** An {@code Authorization} header not of Richie's form (401). */
	MALFORMED_SIGNATURE("malformed-signature"),
	/** No secret is configured: no signature can match (401). */
	NO_SECRETS("no-secrets-configured"),
	/** {@code coursesync.require-timestamp} is on and the request has none (401). */
	MISSING_TIMESTAMP("missing-timestamp"),
	/** A timestamp header that is not unix seconds (401). */
	MALFORMED_TIMESTAMP("malformed-timestamp"),
	/**
	 * A timestamp outside {@code coursesync.replay-tolerance}: a replay, or the clock of
	 * the sender or of this service is wrong (401).
	 */
	STALE_TIMESTAMP("stale-timestamp"),
	/** The signature matches no configured secret: a wrong secret on the sender (401). */
	WRONG_SIGNATURE("wrong-signature"),
	/** The memory for bodies stayed spent (503). */
	BUSY("busy"),
	/** Signed, but the content type is not JSON (415). */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
	/** Signed, but the body is not UTF-8 JSON (400). */
	BAD_JSON("bad-json"),
	/** Signed JSON that is neither an object nor an array (400). */
	NOT_AN_OBJECT("not-an-object"),
	/** Signed, but an item has no usable {@code resource_link} (400). */
	MISSING_RESOURCE_LINK("missing-resource-link"),
	/** Signed, but the single item's {@code resource_link} is not a string (400). */
	INVALID_RESOURCE_LINK("invalid-resource-link"),
	/** An unexpected failure after the signature was verified (500). */
	SERVER_ERROR("server-error"),
	/** An error raised by the framework after the signature was verified. */
	OTHER("other");

	private final String wireName;

	RejectionReason(String wireName) {
		this.wireName = wireName;
	}

	/** The name in metrics, logs and the header. */
	public String wireName() {
		return this.wireName;
	}

}
