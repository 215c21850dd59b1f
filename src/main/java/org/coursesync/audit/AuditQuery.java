package org.coursesync.audit;

import java.time.Instant;

/**
 * Which audit events to list; a null field does not filter.
 *
 * @param username events of this user only
 * @param action events of this action only
 * @param courseCode events of this course (normalized code) only
 * @param since events at or after this instant
 * @param until events before this instant
 */
public record AuditQuery(String username, AuditAction action, String courseCode, Instant since, Instant until) {

}
