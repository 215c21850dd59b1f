package org.coursesync.course;

import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * The draft of a course: its normalized code (unique), title and the catalog fields
 * admins edit, and whether it has changes not yet published (Richie's "page is dirty").
 */
@Entity
@Table(name = "course")
public class Course implements Persistable<UUID> {

	@Id
	private UUID id;

	private String code;

	private String title;

	private Integer minEffort;

	private Integer maxEffort;

	private String pacingType;

	private Integer weeksToComplete;

	private Integer modularCredit;

	private String marketingUrl;

	private boolean unpublishedChanges;

	private Instant createdAt;

	private Instant updatedAt;

	/** The words of the title, for the course list's search ({@link CourseTitles}). */
	@ElementCollection
	@CollectionTable(name = "course_title_word", joinColumns = @JoinColumn(name = "course_id"))
	@Column(name = "word")
	private Set<String> titleWords = new HashSet<>();

	@Transient
	private boolean isNew = true;

	protected Course() {
	}

	public Course(String code, String title, Instant now) {
		this.id = UUID.randomUUID();
		this.code = code;
		this.title = title;
		this.titleWords.addAll(CourseTitles.words(title));
		this.createdAt = now;
		this.updatedAt = now;
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
	void markNotNew() {
		this.isNew = false;
	}

	public String getCode() {
		return this.code;
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		if (!Objects.equals(title, this.title)) {
			this.titleWords.clear();
			this.titleWords.addAll(CourseTitles.words(title));
		}
		this.title = title;
	}

	public Integer getMinEffort() {
		return this.minEffort;
	}

	public void setMinEffort(Integer minEffort) {
		this.minEffort = minEffort;
	}

	public Integer getMaxEffort() {
		return this.maxEffort;
	}

	public void setMaxEffort(Integer maxEffort) {
		this.maxEffort = maxEffort;
	}

	public String getPacingType() {
		return this.pacingType;
	}

	public void setPacingType(String pacingType) {
		this.pacingType = pacingType;
	}

	public Integer getWeeksToComplete() {
		return this.weeksToComplete;
	}

	public void setWeeksToComplete(Integer weeksToComplete) {
		this.weeksToComplete = weeksToComplete;
	}

	public Integer getModularCredit() {
		return this.modularCredit;
	}

	public void setModularCredit(Integer modularCredit) {
		this.modularCredit = modularCredit;
	}

	public String getMarketingUrl() {
		return this.marketingUrl;
	}

	public void setMarketingUrl(String marketingUrl) {
		this.marketingUrl = marketingUrl;
	}

	public boolean hasUnpublishedChanges() {
		return this.unpublishedChanges;
	}

	public void setUnpublishedChanges(boolean unpublishedChanges) {
		this.unpublishedChanges = unpublishedChanges;
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

}
