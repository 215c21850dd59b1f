package org.coursesync.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The fields a sync may write, each declared once: its wire name (payload, admin API,
 * history), its column in both run tables, its type and its accessors on {@link RunData}
 * (whose JPA mapping holds the same column). The PostgreSQL statement, the history's
 * changes and the copy of a draft into its public copy derive from these declarations. In
 * the order of Richie's {@code SyncCourseRunSerializer} (the order errors are reported
 * in).
 */
public enum RunField {

	RESOURCE_LINK("resource_link", Type.TEXT, RunData::getResourceLink, RunData::setResourceLink),
	START("start", "start_at", Type.TIME, RunData::getStart, RunData::setStart),
	END("end", "end_at", Type.TIME, RunData::getEnd, RunData::setEnd),
	ENROLLMENT_START("enrollment_start", Type.TIME, RunData::getEnrollmentStart, RunData::setEnrollmentStart),
	ENROLLMENT_END("enrollment_end", Type.TIME, RunData::getEnrollmentEnd, RunData::setEnrollmentEnd),
	LANGUAGES("languages", Type.LANGUAGES, RunData::getLanguages, RunData::setLanguages),
	ENROLLMENT_COUNT("enrollment_count", Type.INTEGER, RunData::getEnrollmentCount, RunData::setEnrollmentCount),
	CATALOG_VISIBILITY("catalog_visibility", Type.TEXT, RunData::getCatalogVisibility, RunData::setCatalogVisibility),
	PRICE("price", Type.DECIMAL, RunData::getPrice, RunData::setPrice),
	PRICE_CURRENCY("price_currency", Type.TEXT, RunData::getPriceCurrency, RunData::setPriceCurrency),
	OFFER("offer", Type.TEXT, RunData::getOffer, RunData::setOffer),
	CERTIFICATE_PRICE("certificate_price", Type.DECIMAL, RunData::getCertificatePrice, RunData::setCertificatePrice),
	CERTIFICATE_OFFER("certificate_offer", Type.TEXT, RunData::getCertificateOffer, RunData::setCertificateOffer),
	DISCOUNTED_PRICE("discounted_price", Type.DECIMAL, RunData::getDiscountedPrice, RunData::setDiscountedPrice),
	DISCOUNT("discount", Type.TEXT, RunData::getDiscount, RunData::setDiscount),
	CERTIFICATE_DISCOUNTED_PRICE("certificate_discounted_price", Type.DECIMAL, RunData::getCertificateDiscountedPrice,
			RunData::setCertificateDiscountedPrice),
	CERTIFICATE_DISCOUNT("certificate_discount", Type.TEXT, RunData::getCertificateDiscount,
			RunData::setCertificateDiscount);

	/** How a field's value is held in Java and stored in its column. */
	public enum Type {

		/** {@link String}, a {@code VARCHAR}. */
		TEXT(String.class),
		/** {@link Instant}, a {@code TIMESTAMP WITH TIME ZONE}. */
		TIME(Instant.class),
		/** {@code List<String>}, stored comma-joined ({@link LanguagesConverter}). */
		LANGUAGES(List.class),
		/** {@link Integer}, an {@code INTEGER} that is never null. */
		INTEGER(Integer.class),
		/** {@link BigDecimal}, a {@code NUMERIC}. */
		DECIMAL(BigDecimal.class);

		private final Class<?> javaType;

		Type(Class<?> javaType) {
			this.javaType = javaType;
		}

		/** The class of the field's values. */
		public Class<?> javaType() {
			return this.javaType;
		}

	}

	private final String jsonName;

	private final String column;

	private final Type type;

	private final Function<RunData, ?> getter;

	private final BiConsumer<RunData, Object> setter;

	<V> RunField(String jsonName, Type type, Function<RunData, V> getter, BiConsumer<RunData, V> setter) {
		this(jsonName, jsonName, type, getter, setter);
	}

	@SuppressWarnings("unchecked")
	<V> RunField(String jsonName, String column, Type type, Function<RunData, V> getter,
			BiConsumer<RunData, V> setter) {
		this.jsonName = jsonName;
		this.column = column;
		this.type = type;
		this.getter = getter;
		this.setter = (run, value) -> setter.accept(run, (V) type.javaType().cast(value));
	}

	/** The snake_case name used in the sync payload, the admin API and the history. */
	public String jsonName() {
		return this.jsonName;
	}

	/**
	 * The column in {@code course_run} and {@code course_run_public} (the wire name,
	 * except for the two SQL keywords).
	 */
	public String column() {
		return this.column;
	}

	public Type type() {
		return this.type;
	}

	/** The value of this field in {@code run}. */
	Object get(RunData run) {
		return this.getter.apply(run);
	}

	/** Sets this field of {@code run} to {@code value}, of this field's type. */
	void set(RunData run, Object value) {
		this.setter.accept(run, value);
	}

	/** The field whose wire name is {@code jsonName} (exactly, case included). */
	public static Optional<RunField> fromJsonName(String jsonName) {
		for (RunField field : values()) {
			if (field.jsonName.equals(jsonName)) {
				return Optional.of(field);
			}
		}
		return Optional.empty();
	}

}
