package org.coursesync.course;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Richie's {@code normalize_code}: Django's
 * {@code slugify(code, allow_unicode=True).upper()}.
 */
public final class CourseCodes {

	private static final Pattern DASHES_AND_SPACES = Pattern.compile("[-\\s]+", Pattern.UNICODE_CHARACTER_CLASS);

	private CourseCodes() {
	}

	/**
	 * The normalized code of {@code raw}, or null when nothing is left ({@code "!!!"}).
	 */
	public static String normalize(String raw) {
		if (raw == null || raw.isEmpty()) {
			return null;
		}
		String lower = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		StringBuilder kept = new StringBuilder(lower.length());
		lower.codePoints().filter(CourseCodes::isKept).forEach(kept::appendCodePoint);
		String slug = strip(DASHES_AND_SPACES.matcher(kept).replaceAll("-"));
		return slug.isEmpty() ? null : slug.toUpperCase(Locale.ROOT);
	}

	/**
	 * Python's {@code \w} (letters, numeric characters, underscore), whitespace and '-'.
	 */
	private static boolean isKept(int codePoint) {
		if (codePoint == '_' || codePoint == '-' || Character.isWhitespace(codePoint)
				|| Character.isSpaceChar(codePoint)) {
			return true;
		}
		return switch (Character.getType(codePoint)) {
			case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
					Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
					Character.LETTER_NUMBER, Character.OTHER_NUMBER ->
				true;
			default -> false;
		};
	}

	private static String strip(String slug) {
		int start = 0;
		int end = slug.length();
		while (start < end && isStripped(slug.charAt(start))) {
			start++;
		}
		while (end > start && isStripped(slug.charAt(end - 1))) {
			end--;
		}
		return slug.substring(start, end);
	}

	private static boolean isStripped(char c) {
		return c == '-' || c == '_';
	}

}
