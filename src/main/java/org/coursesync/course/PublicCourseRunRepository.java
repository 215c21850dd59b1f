package org.coursesync.course;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Public copies of runs.
 */
public interface PublicCourseRunRepository extends JpaRepository<PublicCourseRun, UUID> {

	Optional<PublicCourseRun> findByDraftRunId(UUID draftRunId);

	List<PublicCourseRun> findByCourseIdOrderByCreatedAtAscIdAsc(UUID courseId);

}
