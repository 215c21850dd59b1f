package org.coursesync.course;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Public copies of courses.
 */
public interface PublicCourseRepository extends JpaRepository<PublicCourse, UUID> {

}
