package org.coursesync.synclog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;
import org.coursesync.course.RunField;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes history rows, inside the caller's transaction so that an item and its row commit
 * (or roll back) together.
 */
@Component
public class SyncHistory {

	/** The size of the errors column (V1__catalog_schema.sql). */
	static final int MAX_ERRORS = 100_000;

	/** Messages up to this length are kept whole. */
	private static final int MAX_MESSAGE = 1_000;

	private static final String ELLIPSIS = "\u2026";

	private static final Map<String, List<String>> TOO_LONG = Map.of("detail",
			List.of("The errors of this item were too long to keep."));

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
		String changes = record.changes().isEmpty() ? null : changesText(record.changes());
		String errors = record.errors().isEmpty() ? null : errorsText(record.errors());
		return new SyncEvent(this.clock.instant(), record, changes, errors);
	}

	/** The changes as JSON, keyed by the fields' wire names. */
	private String changesText(Map<RunField, FieldChange> changes) {
		Map<String, FieldChange> named = new LinkedHashMap<>();
		changes.forEach((field, change) -> named.put(field.jsonName(), change));
		return this.jsonMapper.writeValueAsString(named);
	}

	/**
	 * The errors as JSON that fits the column: messages quote the values sent (a
	 * 200,000-character language code), so long ones are cut, shorter and shorter until
	 * the whole fits. The item stays recorded as rejected; the sender's answer keeps
	 * every message whole. A NUL or a lone surrogate becomes U+FFFD, so that the row is
	 * the same on H2 and PostgreSQL.
	 */
	String errorsText(Map<String, List<String>> errors) {
		for (int cap = MAX_MESSAGE; cap > 0; cap /= 2) {
			String text = this.jsonMapper.writeValueAsString(shortened(errors, cap));
			if (text.length() <= MAX_ERRORS) {
				return text;
			}
		}
		return this.jsonMapper.writeValueAsString(TOO_LONG);
	}

	private static Map<String, List<String>> shortened(Map<String, List<String>> errors, int cap) {
		Map<String, List<String>> shortened = new LinkedHashMap<>();
		errors.forEach((field, messages) -> shortened.put(SyncEvent.storable(field, cap),
				messages.stream().map((message) -> shortened(message, cap)).toList()));
		return shortened;
	}

	/** A message cut to {@code cap} characters, storable on every database. */
	private static String shortened(String message, int cap) {
		String kept = SyncEvent.storable(message, cap);
		return (message.length() > cap) ? kept + ELLIPSIS : kept;
	}

}
