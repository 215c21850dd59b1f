package org.coursesync.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * The columns shared by a draft run and its public copy: every field Richie stores on a
 * {@code CourseRun}, readable and writable by {@link RunField} for syncs, edits and
 * history.
 */
@MappedSuperclass
public abstract class RunData implements Persistable<UUID> {

	/** Richie's model default for {@code display_mode}. */
	public static final String DEFAULT_DISPLAY_MODE = "detailed";

	/** Richie's model default for {@code catalog_visibility}. */
	public static final String DEFAULT_VISIBILITY = "course_and_search";

	@Id
	private UUID id;

	@Column(name = "course_id", nullable = false)
	private UUID courseId;

	private String resourceLink;

	private String lmsBackend;

	@Convert(converter = SyncModeConverter.class)
	private SyncMode syncMode;

	private String title;

	private String displayMode = DEFAULT_DISPLAY_MODE;

	@Column(name = "start_at")
	private Instant start;

	@Column(name = "end_at")
	private Instant end;

	private Instant enrollmentStart;

	private Instant enrollmentEnd;

	@Convert(converter = LanguagesConverter.class)
	private List<String> languages = List.of();

	private int enrollmentCount;

	private String catalogVisibility = DEFAULT_VISIBILITY;

	private BigDecimal price;

	private String priceCurrency;

	private String offer;

	private BigDecimal certificatePrice;

	private String certificateOffer;

	private BigDecimal discountedPrice;

	private String discount;

	private BigDecimal certificateDiscountedPrice;

	private String certificateDiscount;

	private Instant createdAt;

	private Instant updatedAt;

	@Transient
	private boolean isNew = true;

	protected RunData() {
	}

	protected RunData(UUID id, UUID courseId, Instant now) {
		this.id = id;
		this.courseId = courseId;
		this.createdAt = now;
		this.updatedAt = now;
	}

	/** The value of {@code field}, typed as {@link RunField.Type} says. */
	public Object get(RunField field) {
		return field.get(this);
	}

	/** Sets {@code field} to a value typed as {@link RunField.Type} says. */
	public void set(RunField field, Object value) {
		field.set(this, value);
	}

	/** Whether {@code field} holds {@code value} (decimals compared by value). */
	public boolean holds(RunField field, Object value) {
		Object current = get(field);
		if (current instanceof BigDecimal a && value instanceof BigDecimal b) {
			return a.compareTo(b) == 0;
		}
		return Objects.equals(current, value);
	}

	/** Copies every stored field of {@code source} (not the id, course or timestamps). */
	public void copyFrom(RunData source) {
		for (RunField field : RunField.values()) {
			set(field, source.get(field));
		}
		this.lmsBackend = source.lmsBackend;
		this.syncMode = source.syncMode;
		this.title = source.title;
		this.displayMode = source.displayMode;
	}

	/**
	 * Whether the run is scheduled: Richie's state is {@code TO_BE_SCHEDULED} (hidden
	 * from "dirty" checks) until both {@code start} and {@code enrollment_start} are set.
	 */
	public boolean isScheduled() {
		return this.start != null && this.enrollmentStart != null;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	@PostLoad
	@PostPersist
	public void markNotNew() {
		this.isNew = false;
	}

	public UUID getCourseId() {
		return this.courseId;
	}

	public String getResourceLink() {
		return this.resourceLink;
	}

	public String getLmsBackend() {
		return this.lmsBackend;
	}

	public void setLmsBackend(String lmsBackend) {
		this.lmsBackend = lmsBackend;
	}

	public SyncMode getSyncMode() {
		return this.syncMode;
	}

	public void setSyncMode(SyncMode syncMode) {
		this.syncMode = syncMode;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public String getDisplayMode() {
		return this.displayMode;
	}

	public void setDisplayMode(String displayMode) {
		this.displayMode = displayMode;
	}

	public Instant getStart() {
		return this.start;
	}

	public Instant getEnd() {
		return this.end;
	}

	public Instant getEnrollmentStart() {
		return this.enrollmentStart;
	}

	public Instant getEnrollmentEnd() {
		return this.enrollmentEnd;
	}

	public List<String> getLanguages() {
		return this.languages;
	}

	public int getEnrollmentCount() {
		return this.enrollmentCount;
	}

	public String getCatalogVisibility() {
		return this.catalogVisibility;
	}

	public BigDecimal getPrice() {
		return this.price;
	}

	public String getPriceCurrency() {
		return this.priceCurrency;
	}

	public String getOffer() {
		return this.offer;
	}

	public BigDecimal getCertificatePrice() {
		return this.certificatePrice;
	}

	public String getCertificateOffer() {
		return this.certificateOffer;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public void setUpdatedAt(Instant updatedAt) {
		this.updatedAt = updatedAt;
	}

	// The accessors of the run fields, for RunField (which declares them).

	void setResourceLink(String resourceLink) {
		this.resourceLink = resourceLink;
	}

	void setStart(Instant start) {
		this.start = start;
	}

	void setEnd(Instant end) {
		this.end = end;
	}

	void setEnrollmentStart(Instant enrollmentStart) {
		this.enrollmentStart = enrollmentStart;
	}

	void setEnrollmentEnd(Instant enrollmentEnd) {
		this.enrollmentEnd = enrollmentEnd;
	}

	void setLanguages(List<String> languages) {
		this.languages = List.copyOf(languages);
	}

	void setEnrollmentCount(Integer enrollmentCount) {
		this.enrollmentCount = enrollmentCount;
	}

	void setCatalogVisibility(String catalogVisibility) {
		this.catalogVisibility = catalogVisibility;
	}

	void setPrice(BigDecimal price) {
		this.price = price;
	}

	void setPriceCurrency(String priceCurrency) {
		this.priceCurrency = priceCurrency;
	}

	void setOffer(String offer) {
		this.offer = offer;
	}

	void setCertificatePrice(BigDecimal certificatePrice) {
		this.certificatePrice = certificatePrice;
	}

	void setCertificateOffer(String certificateOffer) {
		this.certificateOffer = certificateOffer;
	}

	public BigDecimal getDiscountedPrice() {
		return this.discountedPrice;
	}

	void setDiscountedPrice(BigDecimal discountedPrice) {
		this.discountedPrice = discountedPrice;
	}

	public String getDiscount() {
		return this.discount;
	}

	void setDiscount(String discount) {
		this.discount = discount;
	}

	public BigDecimal getCertificateDiscountedPrice() {
		return this.certificateDiscountedPrice;
	}

	void setCertificateDiscountedPrice(BigDecimal certificateDiscountedPrice) {
		this.certificateDiscountedPrice = certificateDiscountedPrice;
	}

	public String getCertificateDiscount() {
		return this.certificateDiscount;
	}

	void setCertificateDiscount(String certificateDiscount) {
		this.certificateDiscount = certificateDiscount;
	}

}
