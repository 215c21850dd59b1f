package org.coursesync.lms;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex written for Python's {@code re}, as in Richie's {@code COURSE_REGEX}, compiled
 * for Java: {@code (?P<name>...)} and {@code (?P=name)} are translated, group names Java
 * refuses ({@code course_id}) are renamed, and matching anchors at the start only, like
 * {@code re.match}.
 */
public final class PythonRegex {

	private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?P?<([A-Za-z_][A-Za-z0-9_]*)>");

	private static final Pattern BACKREFERENCE = Pattern.compile("\\(\\?P=([A-Za-z_][A-Za-z0-9_]*)\\)");

	private final Pattern pattern;

	private final Map<String, String> groupNames;

	private PythonRegex(Pattern pattern, Map<String, String> groupNames) {
		this.pattern = pattern;
		this.groupNames = groupNames;
	}

	/**
	 * Compiles {@code regex}; a blank one matches everything (Richie's default
	 * {@code .*}).
	 * @throws java.util.regex.PatternSyntaxException if it does not compile
	 */
	public static PythonRegex compile(String regex) {
		if (regex == null || regex.isBlank()) {
			return new PythonRegex(Pattern.compile(".*", Pattern.DOTALL), Map.of());
		}
		Map<String, String> names = new HashMap<>();
		StringBuilder translated = new StringBuilder();
		Matcher groups = NAMED_GROUP.matcher(regex);
		while (groups.find()) {
			String javaName = javaName(groups.group(1), names);
			names.put(groups.group(1), javaName);
			groups.appendReplacement(translated, Matcher.quoteReplacement("(?<" + javaName + ">"));
		}
		groups.appendTail(translated);
		Matcher references = BACKREFERENCE.matcher(translated.toString());
		StringBuilder withReferences = new StringBuilder();
		while (references.find()) {
			String javaName = names.getOrDefault(references.group(1), references.group(1));
			references.appendReplacement(withReferences, Matcher.quoteReplacement("\\k<" + javaName + ">"));
		}
		references.appendTail(withReferences);
		return new PythonRegex(Pattern.compile(withReferences.toString()), Map.copyOf(names));
	}

	private static String javaName(String pythonName, Map<String, String> taken) {
		String base = pythonName.replaceAll("[^A-Za-z0-9]", "");
		if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
			base = "g" + base;
		}
		String name = base;
		for (int i = 2; taken.containsValue(name); i++) {
			name = base + i;
		}
		return name;
	}

	/** Whether the regex has a group named {@code pythonName}. */
	public boolean hasGroup(String pythonName) {
		return this.groupNames.containsKey(pythonName);
	}

	/** The match of {@code input} anchored at its start ({@code re.match}), if any. */
	public Optional<Matcher> match(String input) {
		if (input == null) {
			return Optional.empty();
		}
		Matcher matcher = this.pattern.matcher(input);
		return matcher.lookingAt() ? Optional.of(matcher) : Optional.empty();
	}

	/**
	 * The text of the group named {@code pythonName} in {@code matcher}, if it took part.
	 */
	public Optional<String> group(Matcher matcher, String pythonName) {
		String javaName = this.groupNames.get(pythonName);
		return (javaName != null) ? Optional.ofNullable(matcher.group(javaName)) : Optional.empty();
	}

	@Override
	public String toString() {
		return this.pattern.pattern();
	}

}
