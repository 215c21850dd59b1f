package org.coursesync.richie;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datetimes as Richie accepts them: Django 4.2's {@code parse_datetime} (Python 3.11's
 * {@code datetime.fromisoformat}, then Django's regex), naive values in the configured
 * zone.
 */
public final class RichieDateTimes {

	/** DRF's message for a value it cannot parse. */
	public static final String WRONG_FORMAT = "Datetime has wrong format. Use one of these formats instead: "
			+ "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

	/** DRF's message for a value outside years 1 to 9999 once in UTC. */
	public static final String OUT_OF_RANGE = "Datetime value out of range.";

	private static final Pattern DJANGO = Pattern.compile("(?<year>\\d{4})-(?<month>\\d{1,2})-(?<day>\\d{1,2})"
			+ "[T ](?<hour>\\d{1,2}):(?<minute>\\d{1,2})(?::(?<second>\\d{1,2})(?:[.,](?<micro>\\d{1,6})\\d{0,6})?)?"
			+ "\\s*(?<tz>Z|[+-]\\d{2}(?::?\\d{2})?)?\\n?");

	private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

	private RichieDateTimes() {
	}

	/**
	 * The instant {@code text} means, naive values taken in {@code zone}.
	 * @throws IllegalArgumentException with DRF's message when it is not a valid datetime
	 */
	public static Instant parse(String text, ZoneId zone) {
		Parsed parsed = fromIsoFormat(text);
		if (parsed == null) {
			parsed = django(text);
		}
		if (parsed == null) {
			throw new IllegalArgumentException(WRONG_FORMAT);
		}
		Instant instant = (parsed.offset != null) ? parsed.dateTime.toInstant(parsed.offset)
				: parsed.dateTime.atZone(zone).toInstant();
		if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
			throw new IllegalArgumentException(OUT_OF_RANGE);
		}
		return instant;
	}

	private record Parsed(LocalDateTime dateTime, ZoneOffset offset) {
	}

	// Python 3.11 datetime.fromisoformat: date [sep time [tz]]

	private static Parsed fromIsoFormat(String text) {
		try {
			Cursor cursor = new Cursor(text);
			LocalDate date = date(cursor);
			if (cursor.atEnd()) {
				return new Parsed(date.atStartOfDay(), null);
			}
			char separator = cursor.next();
			if (separator != 'T' && separator != ' ') {
				return null;
			}
			LocalTime time = time(cursor);
			ZoneOffset offset = null;
			if (!cursor.atEnd()) {
				offset = offset(cursor);
			}
			return cursor.atEnd() ? new Parsed(date.atTime(time), offset) : null;
		}
		catch (DateTimeException | IllegalArgumentException | IndexOutOfBoundsException ex) {
			return null;
		}
	}

	private static LocalDate date(Cursor cursor) {
		int year = cursor.digits(4);
		boolean extended = cursor.accept('-');
		if (cursor.accept('W')) {
			int week = cursor.digits(2);
			int day = 1;
			if (!cursor.atEnd() && cursor.peek() != 'T' && cursor.peek() != ' ') {
				if (extended && !cursor.accept('-')) {
					throw new IllegalArgumentException();
				}
				day = cursor.digits(1);
			}
			LocalDate weekBased = LocalDate.of(year, 6, 1)
				.with(IsoFields.WEEK_BASED_YEAR, year)
				.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1)
				.with(ChronoField.DAY_OF_WEEK, DayOfWeek.MONDAY.getValue());
			if (week < 1 || week > 53 || day < 1 || day > 7) {
				throw new IllegalArgumentException();
			}
			LocalDate result = weekBased.plusWeeks(week - 1L).plusDays(day - 1L);
			if (week == 53 && result.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != 53) {
				throw new IllegalArgumentException();
			}
			return result;
		}
		int month = cursor.digits(2);
		if (extended && !cursor.accept('-')) {
			throw new IllegalArgumentException();
		}
		int day = cursor.digits(2);
		return LocalDate.of(year, month, day);
	}

	private static LocalTime time(Cursor cursor) {
		int hour = cursor.digits(2);
		int minute = 0;
		int second = 0;
		int nanos = 0;
		if (cursor.hasDigitOr(':')) {
			boolean extended = cursor.accept(':');
			minute = cursor.digits(2);
			if (cursor.hasDigitOr(':')) {
				if (extended && !cursor.accept(':')) {
					throw new IllegalArgumentException();
				}
				second = cursor.digits(2);
				if (cursor.accept('.') || cursor.accept(',')) {
					nanos = cursor.fraction();
				}
			}
		}
		return LocalTime.of(hour, minute, second, nanos);
	}

	private static ZoneOffset offset(Cursor cursor) {
		if (cursor.accept('Z')) {
			return ZoneOffset.UTC;
		}
		int sign = cursor.accept('+') ? 1 : (cursor.accept('-') ? -1 : 0);
		if (sign == 0) {
			throw new IllegalArgumentException();
		}
		LocalTime time = time(cursor);
		return ZoneOffset.ofTotalSeconds(sign * (time.getHour() * 3600 + time.getMinute() * 60 + time.getSecond()));
	}

	// Django's datetime_re fallback

	private static Parsed django(String text) {
		Matcher m = DJANGO.matcher(text);
		if (!m.matches()) {
			return null;
		}
		try {
			String micro = m.group("micro");
			int nanos = (micro != null) ? Integer.parseInt((micro + "000000").substring(0, 6)) * 1000 : 0;
			LocalDateTime dateTime = LocalDateTime.of(Integer.parseInt(m.group("year")),
					Integer.parseInt(m.group("month")), Integer.parseInt(m.group("day")),
					Integer.parseInt(m.group("hour")), Integer.parseInt(m.group("minute")),
					(m.group("second") != null) ? Integer.parseInt(m.group("second")) : 0, nanos);
			return new Parsed(dateTime, djangoOffset(m.group("tz")));
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static ZoneOffset djangoOffset(String tz) {
		if (tz == null) {
			return null;
		}
		if (tz.equals("Z")) {
			return ZoneOffset.UTC;
		}
		int minutes = (tz.length() > 3) ? Integer.parseInt(tz.substring(tz.length() - 2)) : 0;
		int offset = 60 * Integer.parseInt(tz.substring(1, 3)) + minutes;
		return ZoneOffset.ofTotalSeconds(((tz.charAt(0) == '-') ? -offset : offset) * 60);
	}

	/** A position in the text being parsed; every read checks bounds and ASCII digits. */
	private static final class Cursor {

		private final String text;

		private int at;

		Cursor(String text) {
			this.text = text;
		}

		boolean atEnd() {
			return this.at >= this.text.length();
		}

		char peek() {
			return this.text.charAt(this.at);
		}

		char next() {
			return this.text.charAt(this.at++);
		}

		boolean accept(char c) {
			if (!atEnd() && peek() == c) {
				this.at++;
				return true;
			}
			return false;
		}

		boolean hasDigitOr(char c) {
			return !atEnd() && (isDigit(peek()) || peek() == c);
		}

		int digits(int count) {
			int value = 0;
			for (int i = 0; i < count; i++) {
				char c = next();
				if (!isDigit(c)) {
					throw new IllegalArgumentException();
				}
				value = value * 10 + (c - '0');
			}
			return value;
		}

		/**
		 * Fractional seconds: at least one digit, any number, truncated to microseconds.
		 */
		int fraction() {
			int start = this.at;
			while (!atEnd() && isDigit(peek())) {
				this.at++;
			}
			if (this.at == start) {
				throw new IllegalArgumentException();
			}
			String digits = (this.text.substring(start, this.at) + "000000").substring(0, 6);
			return Integer.parseInt(digits) * 1000;
		}

		private static boolean isDigit(char c) {
			return c >= '0' && c <= '9';
		}

	}

}
