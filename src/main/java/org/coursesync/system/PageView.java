package org.coursesync.system;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.data.domain.Page;

/**
 * One page of an admin list. The totals are left out of a list too long to count on every
 * request (the sync history): {@code has_next} says whether a next page exists.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param page page number, from 0
 * @param size page size asked for
 * @param totalItems items in all pages, or null when not counted
 * @param totalPages number of pages, or null when not counted
 * @param hasNext whether the next page has items
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PageView<T>(List<T> items, int page, int size, @JsonInclude(JsonInclude.Include.NON_NULL) Long totalItems,
		@JsonInclude(JsonInclude.Include.NON_NULL) Integer totalPages, boolean hasNext) {

	/** A counted page. */
	public PageView(List<T> items, int page, int size, long totalItems, int totalPages) {
		this(items, page, size, Long.valueOf(totalItems), Integer.valueOf(totalPages), page + 1 < totalPages);
	}

	public static <T> PageView<T> of(Page<T> page) {
		return new PageView<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements(),
				page.getTotalPages());
	}

	/**
	 * An uncounted page from the first {@code size + 1} rows at its offset: the extra row
	 * only tells that a next page exists.
	 */
	public static <T> PageView<T> uncounted(List<T> rows, int page, int size) {
		boolean hasNext = rows.size() > size;
		return new PageView<>(hasNext ? List.copyOf(rows.subList(0, size)) : rows, page, size, null, null, hasNext);
	}

	/** The same page with each item mapped. */
	public <R> PageView<R> map(Function<? super T, ? extends R> mapper) {
		return new PageView<>(this.items.stream().<R>map(mapper).toList(), this.page, this.size, this.totalItems,
				this.totalPages, this.hasNext);
	}

}
