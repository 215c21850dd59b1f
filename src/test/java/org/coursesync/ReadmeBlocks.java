package org.coursesync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code bash} blocks of the README, each marked {@code <!-- runnable -->} or
 * {@code <!-- not run: why -->} on the line before its fence, with the output lines it
 * shows as {@code #>} comments ({@code ...} in them stands for anything).
 */
record ReadmeBlocks(List<Block> blocks) {

	private static final String RUNNABLE = "<!-- runnable -->";

	private static final String NOT_RUN = "<!-- not run:";

	static ReadmeBlocks read(Path readme) throws IOException {
		List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
		List<Block> blocks = new ArrayList<>();
		String section = "(top)";
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("#")) {
				section = line.replaceFirst("^#+\\s*", "");
			}
			if (!isBashFence(line)) {
				if (line.startsWith("```")) {
					i = closingFence(lines, i);
				}
				continue;
			}
			int end = closingFence(lines, i);
			String marker = (i > 0) ? lines.get(i - 1).strip() : "";
			if (!marker.equals(RUNNABLE) && !(marker.startsWith(NOT_RUN) && marker.endsWith("-->"))) {
				throw new IllegalStateException(
						"README.md line " + (i + 1) + " (section \"" + section + "\"): a bash block needs '" + RUNNABLE
								+ "' or '" + NOT_RUN + " why -->' on the line before it");
			}
			Block block = new Block(i + 1, section, marker.equals(RUNNABLE), lines.subList(i + 1, end));
			if (block.runnable() && block.expectedOutput().isEmpty()) {
				// curl prints an error body and exits 0: a block is checked by what it
				// prints.
				throw new IllegalStateException(block.name() + ": a runnable block shows its output in '#>' lines");
			}
			blocks.add(block);
			i = end;
		}
		return new ReadmeBlocks(blocks);
	}

	List<Block> runnable() {
		return this.blocks.stream().filter(Block::runnable).toList();
	}

	private static boolean isBashFence(String line) {
		return line.matches("```\\s*(bash|sh|shell)\\b.*");
	}

	private static int closingFence(List<String> lines, int open) {
		for (int i = open + 1; i < lines.size(); i++) {
			if (lines.get(i).strip().equals("```")) {
				return i;
			}
		}
		throw new IllegalStateException("README.md line " + (open + 1) + ": code block never closed");
	}

	/**
	 * One fenced block: the line of its opening fence, its section heading, and its
	 * lines.
	 */
	record Block(int line, String section, boolean runnable, List<String> lines) {

		String name() {
			return "README.md line " + this.line + " (\"" + this.section + "\")";
		}

		String text() {
			return String.join("\n", this.lines);
		}

		/** The {@code #>} lines: whole output lines the block prints, in order. */
		List<Expected> expectedOutput() {
			return this.lines.stream()
				.map(String::strip)
				.filter((line) -> line.startsWith("#>"))
				.map((line) -> line.substring(2).strip())
				.map((shown) -> new Expected(shown, toPattern(shown)))
				.toList();
		}

		private static Pattern toPattern(String shown) {
			String[] parts = shown.split(Pattern.quote("..."), -1);
			StringBuilder regex = new StringBuilder();
			for (int i = 0; i < parts.length; i++) {
				if (i > 0) {
					regex.append(".*");
				}
				regex.append(Pattern.quote(parts[i]));
			}
			return Pattern.compile(regex.toString());
		}

	}

	/**
	 * An output line as the README shows it, and the pattern an output line must match.
	 */
	record Expected(String shown, Pattern pattern) {

		boolean matches(String outputLine) {
			return this.pattern.matcher(outputLine).matches();
		}

	}

}
