package org.coursesync.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * How the APIs read a point in time from a query parameter: an ISO-8601 instant
 * ({@code 2030-01-01T00:00:00Z}) or a date, meaning its midnight UTC
 * ({@code 2030-01-01}). Each API words its own error, in its own format.
 */
public final class Instants {

	private Instants() {
	}

	/**
	 * The instant {@code value} names.
	 * @throws DateTimeParseException when it is neither an instant nor a date
	 */
	public static Instant parse(String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
	}

}
