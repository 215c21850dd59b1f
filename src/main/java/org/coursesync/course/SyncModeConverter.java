package org.coursesync.course;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a {@link SyncMode} by its wire name ({@code sync_to_public}...).
 */
@Converter(autoApply = true)
class SyncModeConverter implements AttributeConverter<SyncMode, String> {

	@Override
	public String convertToDatabaseColumn(SyncMode mode) {
		return (mode == null) ? null : mode.wireName();
	}

	@Override
	public SyncMode convertToEntityAttribute(String column) {
		return (column == null) ? null : SyncMode.fromWireName(column)
			.orElseThrow(() -> new IllegalStateException("Unknown sync mode in database: " + column));
	}

}
