package org.coursesync.catalog;

import java.time.Instant;

/**
 * The validated query parameters of a catalog read.
 *
 * @param availability only runs of this availability, or all
 * @param course only runs of this normalized course code, or all
 * @param startAfter only runs starting after this instant
 * @param startBefore only runs starting before this instant
 * @param page page number from 0
 * @param size page size
 * @param cursor where the page starts (from a {@code next} link), or null to start at
 * {@code page * size}
 */
record CatalogQuery(Availability availability, String course, Instant startAfter, Instant startBefore, int page,
		int size, CatalogCursor cursor) {

	/** The same filters, without position: what a total counts. */
	CatalogQuery filters() {
		return new CatalogQuery(this.availability, this.course, this.startAfter, this.startBefore, 0, 0, null);
	}

}
