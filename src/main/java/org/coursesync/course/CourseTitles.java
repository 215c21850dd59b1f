package org.coursesync.course;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a course title, as the course list's title search compares them: letters
 * and digits, lower case, without accents ("Économie" and "economie" are one word).
 */
public final class CourseTitles {

	private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	/** The column's length (V8__list_indexes.sql). */
	static final int MAX_WORD = 255;

	private CourseTitles() {
	}

	/** The distinct words of {@code text}, in order. */
	public static Set<String> words(String text) {
		Set<String> words = new LinkedHashSet<>();
		if (text == null) {
			return words;
		}
		String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
		for (String word : SEPARATORS.split(plain.toLowerCase(Locale.ROOT))) {
			if (!word.isEmpty()) {
				words.add((word.length() > MAX_WORD) ? word.substring(0, MAX_WORD) : word);
			}
		}
		return words;
	}

}
