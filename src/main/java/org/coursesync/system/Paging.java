package org.coursesync.system;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/**
 * Reads {@code page}, {@code size} and {@code sort} query parameters with clear 400s.
 */
public final class Paging {

	private Paging() {
	}

	/**
	 * A page request; {@code sortable} maps the API's sort names to entity properties.
	 * @throws ApiProblem when a parameter is out of range or names an unknown sort
	 */
	public static PageRequest of(int page, int size, int maxSize, String sort, Map<String, String> sortable,
			Sort fallback) {
		if (page < 0) {
			throw ApiProblem.badRequest("Invalid 'page': expected an integer from 0.");
		}
		if (size < 1 || size > maxSize) {
			throw ApiProblem.badRequest("Invalid 'size': expected an integer from 1 to " + maxSize + ".");
		}
		if (sort == null || sort.isBlank()) {
			return PageRequest.of(page, size, fallback);
		}
		String[] parts = sort.split(",", 2);
		String property = sortable.get(parts[0].strip());
		String direction = (parts.length > 1) ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
		if (property == null || !Set.of("asc", "desc").contains(direction)) {
			throw ApiProblem.badRequest("Invalid 'sort': expected one of " + String.join(", ", sortable.keySet())
					+ ", optionally followed by ',asc' or ',desc'.");
		}
		Sort order = Sort.by(Sort.Direction.fromString(direction), property);
		return PageRequest.of(page, size, order.and(fallback));
	}

}
