package org.coursesync.course;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A draft course run: what syncs and admins write. At most one per resource link. Every
 * write checks the version it read and advances it (syncs, admin edits, publishes), so a
 * write never rests on values another write has replaced.
 */
@Entity
@DynamicUpdate
@Table(name = "course_run")
public class CourseRun extends RunData {

	/** How many times the run was written since its creation (0 when created). */
	@Version
	private long version;

	protected CourseRun() {
	}

	public CourseRun(UUID id, UUID courseId, Instant now) {
		super(id, courseId, now);
	}

	public long getVersion() {
		return this.version;
	}

	/** For a run read by plain JDBC ({@link PostgresRunUpdates}), never a managed one. */
	public void setVersion(long version) {
		this.version = version;
	}

}
