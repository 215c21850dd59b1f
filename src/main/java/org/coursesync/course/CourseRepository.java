package org.coursesync.course;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Draft courses, by normalized code.
 */
public interface CourseRepository extends JpaRepository<Course, UUID>, JpaSpecificationExecutor<Course> {

	Optional<Course> findByCode(String code);

	@Query("select c.code from Course c where c.id = ?1")
	String findCodeById(UUID id);

	/** The course, row-locked: publishes and dirty marks of one course are serialized. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from Course c where c.id = ?1")
	Optional<Course> findForUpdate(UUID id);

	/**
	 * Marks the course as having unpublished changes; a no-op (and no row lock) when it
	 * already has.
	 */
	@Modifying(flushAutomatically = true)
	@Query("update Course c set c.unpublishedChanges = true, c.updatedAt = ?2 where c.id = ?1 and c.unpublishedChanges = false")
	int markUnpublishedChanges(UUID id, Instant now);

	/** Sets the course's update time (an admin deleted one of its runs). */
	@Modifying(flushAutomatically = true)
	@Query("update Course c set c.updatedAt = ?2 where c.id = ?1")
	int touch(UUID id, Instant now);

}
