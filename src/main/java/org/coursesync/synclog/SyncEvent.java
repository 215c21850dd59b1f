package org.coursesync.synclog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One row of the sync history: an authenticated sync item, accepted or rejected. Holds
 * the changed fields (before and after) or the errors sent back, never a secret, a
 * signature or the raw body.
 */
@Entity
@Table(name = "sync_event")
public class SyncEvent implements Persistable<UUID> {

	/**
	 * Longest resource link kept in the history (rejected items may send longer ones).
	 */
	static final int MAX_LINK = 2048;

	static final String WEBHOOK = "webhook";

	static final String RECONCILIATION = "reconciliation";

	@Id
	private UUID id;

	private Instant receivedAt;

	private String resourceLink;

	private String lmsBackend;

	private String outcome;

	private Integer secretIndex;

	private String courseCode;

	private UUID courseRunId;

	private String syncMode;

	private String changes;

	private String errors;

	/** {@code webhook} or {@code reconciliation}: what wrote the row. */
	private String source;

	@Transient
	private boolean isNew = true;

	protected SyncEvent() {
	}

	SyncEvent(Instant receivedAt, SyncRecord record, String changes, String errors) {
		this.id = UUID.randomUUID();
		this.receivedAt = receivedAt;
		this.resourceLink = storable(record.resourceLink(), MAX_LINK);
		this.lmsBackend = record.lmsBackend();
		this.outcome = record.outcome().wireName();
		if (record.source() instanceof SyncSource.Webhook webhook) {
			this.source = WEBHOOK;
			this.secretIndex = webhook.secretIndex();
		}
		else {
			// No secret signs a reconciliation: its row has no secret index.
			this.source = RECONCILIATION;
			this.secretIndex = null;
		}
		this.courseCode = record.courseCode();
		this.courseRunId = record.courseRunId();
		this.syncMode = (record.syncMode() != null) ? record.syncMode().wireName() : null;
		this.changes = changes;
		this.errors = errors;
	}

	/**
	 * {@code text} as a column of {@code max} characters holds it on every database: cut
	 * (never inside a surrogate pair), a NUL or a lone surrogate (which PostgreSQL
	 * refuses or alters) replaced by U+FFFD.
	 */
	static String storable(String text, int max) {
		if (text == null) {
			return null;
		}
		int end = Math.min(text.length(), max);
		if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))
				&& Character.isLowSurrogate(text.charAt(end))) {
			end--;
		}
		StringBuilder kept = new StringBuilder(end);
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
				kept.append(c).append(text.charAt(++i));
			}
			else {
				kept.append((c == 0 || Character.isSurrogate(c)) ? '\uFFFD' : c);
			}
		}
		return kept.toString();
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	@Override
	public boolean isNew() {
		return this.isNew;
	}

	public String getSource() {
		return this.source;
	}

	public Instant getReceivedAt() {
		return this.receivedAt;
	}

	public String getResourceLink() {
		return this.resourceLink;
	}

	public String getLmsBackend() {
		return this.lmsBackend;
	}

	public String getOutcome() {
		return this.outcome;
	}

	public Integer getSecretIndex() {
		return this.secretIndex;
	}

	public String getCourseCode() {
		return this.courseCode;
	}

	public UUID getCourseRunId() {
		return this.courseRunId;
	}

	public String getSyncMode() {
		return this.syncMode;
	}

	public String getChanges() {
		return this.changes;
	}

	public String getErrors() {
		return this.errors;
	}

}
