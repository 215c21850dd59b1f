package org.coursesync.course;

import java.util.List;

import org.coursesync.system.ApiProblem;

/**
 * What to find in the course list; a null component matches every course.
 *
 * @param codePrefix courses whose (normalized) code starts with this
 * @param titleWords courses whose title has, for each of these, a word starting with it
 * ({@link CourseTitles#words}); empty for any title
 * @param published courses with (true) or without (false) a public copy
 * @param unpublishedChanges courses with (true) or without (false) unpublished changes
 */
public record CourseFilter(String codePrefix, List<String> titleWords, Boolean published, Boolean unpublishedChanges) {

	/** The most words a title search takes. */
	public static final int MAX_WORDS = 10;

	/** Every course. */
	public static final CourseFilter ALL = new CourseFilter(null, List.of(), null, null);

	public CourseFilter {
		titleWords = (titleWords != null) ? List.copyOf(titleWords) : List.of();
	}

	/**
	 * The filter of the admin API's query parameters ({@code code_prefix}, {@code q},
	 * {@code published}, {@code unpublished_changes}; each may be null or blank); a 400
	 * naming the parameter whose value is invalid.
	 */
	public static CourseFilter parse(String codePrefix, String q, String published, String unpublishedChanges) {
		return new CourseFilter(codePrefix(codePrefix), titleWords(q), bool("published", published),
				bool("unpublished_changes", unpublishedChanges));
	}

	private static String codePrefix(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String code = CourseCodes.normalize(value);
		if (code == null) {
			throw ApiProblem.badRequest("Invalid 'code_prefix': use letters, digits, '-' or '_'.");
		}
		return code;
	}

	private static List<String> titleWords(String q) {
		if (q == null || q.isBlank()) {
			return List.of();
		}
		List<String> words = List.copyOf(CourseTitles.words(q));
		if (words.isEmpty() || words.size() > MAX_WORDS) {
			throw ApiProblem.badRequest("Invalid 'q': expected 1 to " + MAX_WORDS
					+ " words (letters or digits) that the title's words start with.");
		}
		return words;
	}

	private static Boolean bool(String name, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return switch (value.strip()) {
			case "true" -> true;
			case "false" -> false;
			default -> throw ApiProblem.badRequest("Invalid '" + name + "': expected true or false.");
		};
	}

}
