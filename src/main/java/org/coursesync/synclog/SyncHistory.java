package org.coursesync.synclog;

import java.time.Clock;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes history rows, inside the caller's transaction so that an item and its row commit
 * (or roll back) together.
 */
@Component
public class SyncHistory {

	private final EntityManager entityManager;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	SyncHistory(EntityManager entityManager, JsonMapper jsonMapper, Clock clock) {
		this.entityManager = entityManager;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	/** Adds a row for {@code record} to the current transaction. */
	public void record(SyncRecord record) {
		this.entityManager.persist(event(record));
	}

	/**
	 * The row for {@code record}, not yet stored: for a caller that writes it in the same
	 * SQL statement as the item's other writes.
	 */
	public SyncEvent event(SyncRecord record) {
		String changes = record.changes().isEmpty() ? null : this.jsonMapper.writeValueAsString(record.changes());
		String errors = record.errors().isEmpty() ? null : this.jsonMapper.writeValueAsString(record.errors());
		return new SyncEvent(this.clock.instant(), record, changes, errors);
	}

}
