package org.coursesync.system;

import java.util.Locale;

/**
 * What a person may do on the admin API and the console: a {@code viewer} reads, an
 * {@code editor} also creates, edits and publishes, an {@code admin} also deletes and
 * starts reconciliations. Each role implies the ones before it
 * ({@link AdminUsers#roleHierarchy()}).
 */
public enum Role {

	VIEWER, EDITOR, ADMIN;

	/** The Spring Security authority, e.g. {@code ROLE_EDITOR}. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** The name in configuration and in messages, e.g. {@code editor}. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
