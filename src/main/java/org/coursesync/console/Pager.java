package org.coursesync.console;

import jakarta.servlet.http.HttpServletRequest;
import org.coursesync.system.PageView;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links to the previous and next pages of a list, keeping the current request's other
 * parameters (its filters).
 *
 * @param summary which page this is ("Page 2 of 5, 93 items"; without totals for a list
 * too long to count)
 * @param previous the previous page's URL, or {@code null} on the first
 * @param next the next page's URL, or {@code null} on the last
 */
public record Pager(String summary, String previous, String next) {

	/**
	 * The pager of {@code view}, its page given by the {@code parameter} query parameter.
	 */
	static Pager of(PageView<?> view, String parameter) {
		String previous = (view.page() > 0) ? link(parameter, view.page() - 1) : null;
		String next = view.hasNext() ? link(parameter, view.page() + 1) : null;
		String summary = "Page " + (view.page() + 1);
		if (view.totalPages() != null) {
			summary += " of " + Math.max(1, view.totalPages()) + ", " + view.totalItems()
					+ ((view.totalItems() == 1) ? " item" : " items");
		}
		return new Pager(summary, previous, next);
	}

	/**
	 * A link relative to this host: the path and the query as sent, with another page.
	 */
	private static String link(String parameter, int page) {
		HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
			.getRequest();
		return UriComponentsBuilder.fromPath(request.getRequestURI())
			.query(request.getQueryString())
			.replaceQueryParam(parameter, page)
			.build()
			.toUriString();
	}

}
