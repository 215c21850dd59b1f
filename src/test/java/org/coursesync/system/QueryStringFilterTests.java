package org.coursesync.system;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query string is refused at its first parameter that is not percent-encoded UTF-8
 * without control characters, named as sent when its name is readable.
 */
class QueryStringFilterTests {

	@Test
	void acceptsPercentEncodedUtf8() {
		assertThat(QueryStringFilter.firstInvalidParameter("page=2&q=%C3%A9t%C3%A9+x&flag")).isEmpty();
		assertThat(QueryStringFilter.firstInvalidParameter("")).isEmpty();
	}

	@Test
	void namesTheFirstInvalidParameter() {
		assertThat(QueryStringFilter.firstInvalidParameter("a=1&page=%ZZ&size=%C3%28")).contains("page");
		assertThat(QueryStringFilter.firstInvalidParameter("size=%C3%28")).contains("size");
		assertThat(QueryStringFilter.firstInvalidParameter("q=%01")).contains("q");
		assertThat(QueryStringFilter.firstInvalidParameter("q=%4")).contains("q");
		assertThat(QueryStringFilter.firstInvalidParameter("%C3%A9t%C3%A9=%ZZ")).contains("été");
		assertThat(QueryStringFilter.firstInvalidParameter("%ZZ=1")).contains("(unreadable name)");
	}

}
