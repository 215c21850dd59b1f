package org.coursesync.course;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A course in a list: its fields without runs.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CourseSummary(UUID id, String code, String title, boolean unpublishedChanges, Instant createdAt,
		Instant updatedAt) {

	static CourseSummary of(Course course) {
		return new CourseSummary(course.getId(), course.getCode(), course.getTitle(), course.hasUnpublishedChanges(),
				course.getCreatedAt(), course.getUpdatedAt());
	}

}
