package org.coursesync.course;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A course as the admin API shows it: draft fields, publication state, draft and public
 * runs.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CourseView(UUID id, String code, String title, @Schema(nullable = true) Integer minEffort,
		@Schema(nullable = true) Integer maxEffort, @Schema(nullable = true) String pacingType,
		@Schema(nullable = true) Integer weeksToComplete, @Schema(nullable = true) Integer modularCredit,
		@Schema(nullable = true) String marketingUrl, boolean published, @Schema(nullable = true) Instant publishedAt,
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
