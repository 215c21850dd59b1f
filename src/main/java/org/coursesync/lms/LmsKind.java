package org.coursesync.lms;

import java.util.Locale;
import java.util.Optional;

/**
 * The behaviour of an LMS backend: Richie's backend classes, by short or dotted name.
 */
public enum LmsKind {

	/**
	 * Open edX: visibility mapping, course code from the {@code course_id} regex group.
	 */
	OPENEDX("richie.apps.courses.lms.edx.EdXLMSBackend"),
	/** Joanie: course code from the payload's {@code course} key. */
	JOANIE("richie.apps.courses.lms.joanie.JoanieBackend"),
	/** Richie's base backend: updates runs, cannot create them. */
	BASE("richie.apps.courses.lms.base.BaseLMSBackend");

	private final String richieClass;

	LmsKind(String richieClass) {
		this.richieClass = richieClass;
	}

	/**
	 * The kind named {@code value} ({@code openedx}, {@code joanie}, {@code base} or
	 * Richie's class).
	 */
	public static Optional<LmsKind> fromConfig(String value) {
		if (value == null) {
			return Optional.empty();
		}
		String trimmed = value.strip();
		for (LmsKind kind : values()) {
			if (kind.name().toLowerCase(Locale.ROOT).equals(trimmed.toLowerCase(Locale.ROOT))
					|| kind.richieClass.equals(trimmed)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

}
