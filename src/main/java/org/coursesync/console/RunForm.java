package org.coursesync.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coursesync.course.RunView;
import org.coursesync.course.SyncMode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The run edit form: what it shows (each field's text, its errors beside it) and the JSON
 * merge patch a submission makes, of the fields whose text changed only, so that a save
 * never rewrites a value the person left alone (a sync may have changed it meanwhile).
 * The values are checked by the admin API's rules, never here.
 *
 * @param fields the inputs, in page order
 * @param error an error that belongs to no field, or {@code null}
 */
public record RunForm(List<Input> fields, String error) {

	/** Optional text fields: an empty input clears them. */
	private static final Set<String> CLEARABLE = Set.of("title", "start", "end", "enrollment_start", "enrollment_end",
			"price", "offer", "certificate_price", "certificate_offer", "discounted_price", "discount",
			"certificate_discounted_price", "certificate_discount");

	private static final Set<String> DATETIMES = Set.of("start", "end", "enrollment_start", "enrollment_end");

	private static final List<String> SYNC_MODES = Arrays.stream(SyncMode.values()).map(SyncMode::wireName).toList();

	/**
	 * One input.
	 *
	 * @param name the field's name (the admin API's), also the input's id
	 * @param label its label
	 * @param value its text
	 * @param hint the expected format, or {@code null}
	 * @param options the choices of a select, empty for a text input
	 * @param errors what is wrong with the value sent, empty when nothing
	 */
	public record Input(String name, String label, String value, String hint, List<String> options,
			List<String> errors) {

		public boolean invalid() {
			return !this.errors.isEmpty();
		}

		/** The id of what describes the input: its errors, else its hint, else none. */
		public String describedBy() {
			if (invalid()) {
				return this.name + "-error";
			}
			return (this.hint != null) ? this.name + "-hint" : null;
		}

	}

	/** Whether an input has errors. */
	public boolean invalid() {
		return this.fields.stream().anyMatch(Input::invalid);
	}

	/** The form of a stored run. */
	static RunForm of(RunView run) {
		return of(run, Map.of(), Map.of(), null);
	}

	/**
	 * The form as sent back with its errors: the texts sent, and the stored values for
	 * the others.
	 */
	static RunForm of(RunView run, Map<String, String> sent, Map<String, List<String>> errors, String error) {
		List<Input> inputs = new ArrayList<>();
		for (String name : RunFields.ALL) {
			String value = sent.containsKey(name) ? sent.get(name) : RunFields.text(run, name);
			inputs.add(new Input(name, RunFields.label(name), value, hint(name),
					"sync_mode".equals(name) ? SYNC_MODES : List.of(), errors.getOrDefault(name, List.of())));
		}
		return new RunForm(inputs, error);
	}

	private static String hint(String name) {
		if (DATETIMES.contains(name)) {
			return "ISO-8601, e.g. 2030-01-31T09:00:00Z; empty for none";
		}
		if ("languages".equals(name)) {
			return "Language codes separated by commas, e.g. en, fr";
		}
		return null;
	}

	/**
	 * The merge patch of the inputs in {@code sent} whose text differs from the stored
	 * run's; empty when nothing changed.
	 */
	static ObjectNode patch(RunView run, Map<String, String> sent) {
		ObjectNode patch = JsonNodeFactory.instance.objectNode();
		for (String name : RunFields.ALL) {
			String text = sent.get(name);
			if (text == null || text.strip().equals(RunFields.text(run, name))) {
				continue;
			}
			String value = text.strip();
			if ("languages".equals(name)) {
				ArrayNode languages = patch.putArray(name);
				for (String code : value.split("[,\\s]+")) {
					if (!code.isEmpty()) {
						languages.add(code);
					}
				}
			}
			else if (value.isEmpty() && CLEARABLE.contains(name)) {
				patch.putNull(name);
			}
			else {
				patch.put(name, value);
			}
		}
		return patch;
	}

}
