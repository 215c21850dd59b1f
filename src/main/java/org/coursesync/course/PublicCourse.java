package org.coursesync.course;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * The public copy of a course's fields, made by a publish. A course is published iff it
 * has one.
 */
@Entity
@Table(name = "course_public")
public class PublicCourse implements Persistable<UUID> {

	@Id
	private UUID courseId;

	private String title;

	private Integer minEffort;

	private Integer maxEffort;

	private String pacingType;

	private Integer weeksToComplete;

	private Integer modularCredit;

	private String marketingUrl;

	private Instant publishedAt;

	@Transient
	private boolean isNew = true;

	protected PublicCourse() {
	}

	public PublicCourse(UUID courseId) {
		this.courseId = courseId;
	}

	/** Makes this copy equal to {@code draft}. */
	public void copyFrom(Course draft, Instant now) {
		this.title = draft.getTitle();
		this.minEffort = draft.getMinEffort();
		this.maxEffort = draft.getMaxEffort();
		this.pacingType = draft.getPacingType();
		this.weeksToComplete = draft.getWeeksToComplete();
		this.modularCredit = draft.getModularCredit();
		this.marketingUrl = draft.getMarketingUrl();
		this.publishedAt = now;
	}

	@Override
	public UUID getId() {
		return this.courseId;
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

	public String getTitle() {
		return this.title;
	}

	public Integer getMinEffort() {
		return this.minEffort;
	}

	public Integer getMaxEffort() {
		return this.maxEffort;
	}

	public String getPacingType() {
		return this.pacingType;
	}

	public Integer getWeeksToComplete() {
		return this.weeksToComplete;
	}

	public Integer getModularCredit() {
		return this.modularCredit;
	}

	public String getMarketingUrl() {
		return this.marketingUrl;
	}

	public Instant getPublishedAt() {
		return this.publishedAt;
	}

}
