package org.coursesync.audit;

import java.util.UUID;

/**
 * What a write touched: a course, a run of a course, or neither (a reconciliation).
 *
 * @param courseCode the course's code, if any
 * @param runId the draft run's id, if any
 * @param resourceLink the run's resource link, if any
 */
public record AuditTarget(String courseCode, UUID runId, String resourceLink) {

	public static AuditTarget course(String code) {
		return new AuditTarget(code, null, null);
	}

	public static AuditTarget run(String courseCode, UUID runId, String resourceLink) {
		return new AuditTarget(courseCode, runId, resourceLink);
	}

	public static AuditTarget none() {
		return new AuditTarget(null, null, null);
	}

}
