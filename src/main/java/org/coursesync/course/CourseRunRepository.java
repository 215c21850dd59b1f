package org.coursesync.course;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Draft runs.
 */
public interface CourseRunRepository extends JpaRepository<CourseRun, UUID> {

	/**
	 * The draft run of {@code resourceLink}, row-locked until the transaction ends (the
	 * transactional sync path: its write cannot rest on a stale read; the wait is bounded
	 * by the lock timeout).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from CourseRun r where r.resourceLink = ?1")
	Optional<CourseRun> findByResourceLinkForUpdate(String resourceLink);

	/** The draft run {@code id}, row-locked until the transaction ends (admin edits). */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from CourseRun r where r.id = ?1")
	Optional<CourseRun> findByIdForUpdate(UUID id);

	List<CourseRun> findByCourseIdOrderByCreatedAtAscIdAsc(UUID courseId);

	/**
	 * The draft runs of a course, row-locked in id order (publishes never deadlock each
	 * other), their versions advanced: a publish rewrites their public copies, so a sync
	 * that read a run before it must read it again.
	 */
	@Lock(LockModeType.PESSIMISTIC_FORCE_INCREMENT)
	@Query("select r from CourseRun r where r.courseId = ?1 order by r.id")
	List<CourseRun> findByCourseIdForUpdate(UUID courseId);

	boolean existsByResourceLink(String resourceLink);

	/**
	 * Advances the run's version by {@code writes}, without the version check of a flush:
	 * for a group of updates that one flush wrote, so that each counts.
	 */
	@Modifying(flushAutomatically = true)
	@Query("update CourseRun r set r.version = r.version + ?2 where r.id = ?1")
	int advanceVersion(UUID id, long writes);

}
