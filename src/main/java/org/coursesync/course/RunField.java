package org.coursesync.course;

/**
 * The fields a sync may write, in the order of Richie's {@code SyncCourseRunSerializer}
 * (the order errors are reported in).
 */
public enum RunField {

	RESOURCE_LINK("resource_link"), START("start"), END("end"), ENROLLMENT_START("enrollment_start"),
	ENROLLMENT_END("enrollment_end"), LANGUAGES("languages"), ENROLLMENT_COUNT("enrollment_count"),
	CATALOG_VISIBILITY("catalog_visibility"), PRICE("price"), PRICE_CURRENCY("price_currency"), OFFER("offer"),
	CERTIFICATE_PRICE("certificate_price"), CERTIFICATE_OFFER("certificate_offer"),
	DISCOUNTED_PRICE("discounted_price"), DISCOUNT("discount"),
	CERTIFICATE_DISCOUNTED_PRICE("certificate_discounted_price"), CERTIFICATE_DISCOUNT("certificate_discount");

	private final String jsonName;

	RunField(String jsonName) {
		this.jsonName = jsonName;
	}

	/** The snake_case name used in the sync payload, the admin API and the history. */
	public String jsonName() {
		return this.jsonName;
	}

	/** The field named {@code jsonName}, or {@code null}. */
	public static RunField fromJsonName(String jsonName) {
		for (RunField field : values()) {
			if (field.jsonName.equals(jsonName)) {
				return field;
			}
		}
		return null;
	}

}
