package org.coursesync.courserun;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A draft course run: what syncs and admins write. At most one per resource link.
 */
@Entity
@DynamicUpdate
@Table(name = "course_run")
public class CourseRun extends RunData {

	protected CourseRun() {
	}

	public CourseRun(UUID id, UUID courseId, Instant now) {
		super(id, courseId, now);
	}

}
