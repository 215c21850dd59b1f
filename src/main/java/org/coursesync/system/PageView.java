package org.coursesync.system;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.data.domain.Page;

/**
 * One page of an admin list.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param page page number, from 0
 * @param size page size asked for
 * @param totalItems items in all pages
 * @param totalPages number of pages
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	public static <T> PageView<T> of(Page<T> page) {
		return new PageView<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
				page.getTotalPages());
	}

}
