package org.coursesync.course;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A course's own fields, as the audit log records them before and after a write.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CourseFields(String code, String title, Integer minEffort, Integer maxEffort, String pacingType,
		Integer weeksToComplete, Integer modularCredit, String marketingUrl) {

	static CourseFields of(Course course) {
		return new CourseFields(course.getCode(), course.getTitle(), course.getMinEffort(), course.getMaxEffort(),
				course.getPacingType(), course.getWeeksToComplete(), course.getModularCredit(),
				course.getMarketingUrl());
	}

}
