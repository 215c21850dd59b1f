package org.coursesync.course;

import java.util.Arrays;
import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a run's languages as Richie does, comma-joined, but always sorted (Richie's
 * order is that of a Python set, so arbitrary).
 */
@Converter
public class LanguagesConverter implements AttributeConverter<List<String>, String> {

	@Override
	public String convertToDatabaseColumn(List<String> languages) {
		return (languages == null) ? "" : String.join(",", languages);
	}

	@Override
	public List<String> convertToEntityAttribute(String column) {
		return (column == null || column.isEmpty()) ? List.of() : Arrays.asList(column.split(","));
	}

}
