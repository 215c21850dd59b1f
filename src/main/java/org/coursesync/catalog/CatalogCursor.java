package org.coursesync.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A position in the catalog's order (start date, nulls last, then id): the last run of a
 * page. A {@code next} link carries it, so that the next page starts right after that run
 * (keyset paging) instead of skipping {@code page * size} rows.
 *
 * @param start the run's start, or null
 * @param id the run's id
 */
record CatalogCursor(Instant start, UUID id) {

	private static final String MESSAGE = "Invalid parameter 'cursor': expected the cursor of a Link header";

	/** The URL-safe text of the cursor. */
	String encode() {
		String text = ((this.start != null) ? this.start.toString() : "") + "/" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Reads {@link #encode()}'s text; throws IllegalArgumentException naming the
	 * parameter.
	 */
	static CatalogCursor decode(String value) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
			int slash = text.indexOf('/');
			if (slash < 0) {
				throw new IllegalArgumentException(MESSAGE);
			}
			Instant start = (slash == 0) ? null : Instant.parse(text.substring(0, slash));
			return new CatalogCursor(start, UUID.fromString(text.substring(slash + 1)));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(MESSAGE, ex);
		}
	}

}
