package org.coursesync.lms;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.coursesync.course.SyncMode;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One entry of {@code coursesync.lms-backends}: Richie's {@code RICHIE_LMS_BACKENDS}
 * item.
 *
 * @param baseUrl the LMS base URL (identifies the backend in history and catalogs)
 * @param backend {@code openedx}, {@code joanie}, {@code base} or Richie's dotted class
 * name
 * @param courseRegex Python-style regex matched at the start of the resource link; blank
 * matches every link
 * @param defaultCourseRunSyncMode sync mode of created runs; falls back to the global
 * default
 * @param courseRunSyncNoUpdateFields payload fields never overwritten by an update
 */
public record LmsBackendProperties(@NotBlank String baseUrl, @DefaultValue("openedx") @NotBlank String backend,
		String courseRegex, SyncMode defaultCourseRunSyncMode, @DefaultValue List<String> courseRunSyncNoUpdateFields) {

}
