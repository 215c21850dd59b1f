package org.coursesync.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person did, as the audit log names it ({@code course.update}...).
 */
public enum AuditAction {

	COURSE_CREATE("course.create"), COURSE_UPDATE("course.update"), COURSE_DELETE("course.delete"),
	COURSE_PUBLISH("course.publish"), RUN_CREATE("run.create"), RUN_UPDATE("run.update"), RUN_DELETE("run.delete"),
	RECONCILIATION_START("reconciliation.start");

	private final String wireName;

	AuditAction(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	/** The action named {@code wireName}, if any. */
	public static Optional<AuditAction> fromWireName(String wireName) {
		return Arrays.stream(values()).filter((action) -> action.wireName.equals(wireName)).findFirst();
	}

}
