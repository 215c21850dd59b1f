package org.coursesync.audit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of the audit log (V6__audit.sql): who did what, when, to which course or run,
 * with the changed fields before and after as JSON.
 */
@Entity
@Table(name = "audit_event")
class AuditEvent {

	@Id
	private UUID id;

	private Instant occurredAt;

	private String username;

	private String action;

	private String courseCode;

	private UUID runId;

	private String resourceLink;

	@Column(name = "before_values")
	private String before;

	@Column(name = "after_values")
	private String after;

	protected AuditEvent() {
	}

	AuditEvent(Instant occurredAt, String username, AuditAction action, AuditTarget target, String before,
			String after) {
		this.id = UUID.randomUUID();
		this.occurredAt = occurredAt;
		this.username = username;
		this.action = action.wireName();
		this.courseCode = target.courseCode();
		this.runId = target.runId();
		this.resourceLink = target.resourceLink();
		this.before = before;
		this.after = after;
	}

	UUID getId() {
		return this.id;
	}

	Instant getOccurredAt() {
		return this.occurredAt;
	}

	String getUsername() {
		return this.username;
	}

	String getAction() {
		return this.action;
	}

	String getCourseCode() {
		return this.courseCode;
	}

	UUID getRunId() {
		return this.runId;
	}

	String getResourceLink() {
		return this.resourceLink;
	}

	String getBefore() {
		return this.before;
	}

	String getAfter() {
		return this.after;
	}

}
