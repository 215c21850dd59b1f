package org.coursesync.course;

import java.util.Map;

import org.springframework.data.domain.Sort;

/**
 * The course list's page query, for tests that check its plan.
 */
public final class CourseListSql {

	private CourseListSql() {
	}

	public static String page(CourseFilter filter, Sort order, Map<String, Object> parameters) {
		return CourseList.sql(filter, order, parameters);
	}

}
