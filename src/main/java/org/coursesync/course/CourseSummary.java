package org.coursesync.course;

import java.time.Instant;
import java.util.UUID;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A course in a list: its fields without runs.
 *
 * @param id the course's id
 * @param code its normalized code
 * @param title its draft title
 * @param published whether it has a public copy
 * @param unpublishedChanges whether its draft has changes not yet published
 * @param createdAt when it was created
 * @param updatedAt when it or one of its draft runs last changed
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CourseSummary(UUID id, String code, String title, boolean published, boolean unpublishedChanges,
		Instant createdAt, Instant updatedAt) {

}
