package org.coursesync.courserun;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Draft runs.
 */
public interface CourseRunRepository extends JpaRepository<CourseRun, UUID> {

	/**
	 * The draft run of {@code resourceLink} with its public copy (or null), in one query
	 * and without a row lock: the sync's UPDATEs take the lock, as late as possible, so
	 * that a burst on one link holds it only for its writes.
	 */
	@Query("select r, p from CourseRun r left join PublicCourseRun p on p.draftRunId = r.id where r.resourceLink = ?1")
	List<Object[]> findWithPublicCopy(String resourceLink);

	List<CourseRun> findByCourseIdOrderByCreatedAtAscIdAsc(UUID courseId);

	/**
	 * The draft runs of a course, row-locked in id order (publishes never deadlock each
	 * other).
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select r from CourseRun r where r.courseId = ?1 order by r.id")
	List<CourseRun> findByCourseIdForUpdate(UUID courseId);

	boolean existsByResourceLink(String resourceLink);

}
