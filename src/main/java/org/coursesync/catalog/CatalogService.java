package org.coursesync.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsKind;
import org.coursesync.lms.LmsRegistry;

import org.springframework.stereotype.Service;

/**
 * Turns published rows into the catalog representation: course key, track type and price,
 * availability at the given instant.
 */
@Service
class CatalogService {

	private static final Set<String> PAID = Set.of("paid", "subscription");

	private final CatalogRepository repository;

	private final LmsRegistry lmsRegistry;

	CatalogService(CatalogRepository repository, LmsRegistry lmsRegistry) {
		this.repository = repository;
		this.lmsRegistry = lmsRegistry;
	}

	/** One page of runs and the total across pages. */
	record Page(List<CatalogRun> runs, long total) {
	}

	Page page(CatalogQuery query, Set<String> backends, Instant now) {
		List<CatalogRun> runs = this.repository.page(query, backends, now)
			.stream()
			.map((row) -> toRun(row, now))
			.toList();
		long total = (query.page() == 0 && runs.size() < query.size()) ? runs.size()
				: this.repository.count(query, backends, now);
		return new Page(runs, total);
	}

	private CatalogRun toRun(CatalogRepository.Row row, Instant now) {
		String type = "audit";
		BigDecimal price = null;
		if (row.offer() != null && PAID.contains(row.offer())) {
			type = "professional";
			price = row.price();
		}
		else if (row.certificateOffer() != null && PAID.contains(row.certificateOffer())) {
			type = "verified";
			price = row.certificatePrice();
		}
		return new CatalogRun(row.draftRunId(), courseRunKey(row.resourceLink()), row.courseId(), row.start(),
				row.end(), row.enrollmentStart(), row.enrollmentEnd(), row.minEffort(), row.maxEffort(),
				row.pacingType(), row.weeksToComplete(), Availability.of(row.start(), row.end(), now).label(),
				row.marketingUrl(), row.resourceLink(), (price != null) ? price.toPlainString() : null, type,
				row.modularCredit(), row.languages());
	}

	/**
	 * The Open edX course key of an openedx link ({@code course-v1:edX+DemoX+01}), else
	 * the link.
	 */
	private String courseRunKey(String link) {
		if (link == null) {
			return null;
		}
		return this.lmsRegistry.select(link)
			.filter((lms) -> lms.kind() == LmsKind.OPENEDX)
			.flatMap((LmsBackend lms) -> lms.regex().match(link).flatMap((m) -> lms.regex().group(m, "course_id")))
			.orElse(link);
	}

}
