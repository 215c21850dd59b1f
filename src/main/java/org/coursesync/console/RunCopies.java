package org.coursesync.console;

import java.util.List;

import org.coursesync.course.RunView;

/**
 * A run's draft and public copy side by side, each differing field marked.
 *
 * @param published whether the run has a public copy
 * @param rows one per field, in page order
 */
public record RunCopies(boolean published, List<Row> rows) {

	/** One field: its text in the draft and in the public copy. */
	public record Row(String name, String label, String draft, String published, boolean differs) {
	}

	static RunCopies of(RunView draft, RunView copy) {
		List<Row> rows = RunFields.ALL.stream().map((name) -> {
			String draftText = RunFields.text(draft, name);
			String publicText = RunFields.text(copy, name);
			return new Row(name, RunFields.label(name), draftText, publicText,
					copy != null && !draftText.equals(publicText));
		}).toList();
		return new RunCopies(copy != null, rows);
	}

}
