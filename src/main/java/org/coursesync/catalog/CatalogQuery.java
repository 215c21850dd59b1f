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
 */
record CatalogQuery(Availability availability, String course, Instant startAfter, Instant startBefore, int page,
		int size) {

}
