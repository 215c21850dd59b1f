package org.coursesync.course;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A course as the admin API shows it: draft fields, publication state, draft and public
 * runs.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CourseView(UUID id, String code, String title, Integer minEffort, Integer maxEffort, String pacingType,
		Integer weeksToComplete, Integer modularCredit, String marketingUrl, boolean published, Instant publishedAt,
		boolean unpublishedChanges, Instant createdAt, Instant updatedAt, List<RunView> draftRuns,
		List<RunView> publicRuns) {

	static CourseView of(Course course, PublicCourse publicCopy, List<RunView> draftRuns, List<RunView> publicRuns,
			Instant updatedAt) {
		return new CourseView(course.getId(), course.getCode(), course.getTitle(), course.getMinEffort(),
				course.getMaxEffort(), course.getPacingType(), course.getWeeksToComplete(), course.getModularCredit(),
				course.getMarketingUrl(), publicCopy != null, (publicCopy != null) ? publicCopy.getPublishedAt() : null,
				course.hasUnpublishedChanges(), course.getCreatedAt(), updatedAt, draftRuns, publicRuns);
	}

}
