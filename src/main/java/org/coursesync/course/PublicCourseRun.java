package org.coursesync.course;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/**
 * The public copy of a draft run: what the catalog serves. Made by a publish, or by a
 * {@code sync_to_public} sync of a published course.
 */
@Entity
@DynamicUpdate
@Table(name = "course_run_public")
public class PublicCourseRun extends RunData {

	@Column(name = "draft_run_id", nullable = false, updatable = false)
	private UUID draftRunId;

	protected PublicCourseRun() {
	}

	/** A public copy of {@code draft}, equal to it. */
	public PublicCourseRun(CourseRun draft, Instant now) {
		super(UUID.randomUUID(), draft.getCourseId(), now);
		this.draftRunId = draft.getId();
		copyFrom(draft);
	}

	/** A stored public copy, as read by plain JDBC; its fields are set by the caller. */
	public PublicCourseRun(UUID id, UUID draftRunId, UUID courseId, Instant createdAt) {
		super(id, courseId, createdAt);
		this.draftRunId = draftRunId;
		markNotNew();
	}

	public UUID getDraftRunId() {
		return this.draftRunId;
	}

}
