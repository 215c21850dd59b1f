package org.coursesync.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coursesync.course.RunView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run form's patch: only the inputs whose text changed, typed as the admin API reads
 * them.
 */
class RunFormTests {

	static final RunView RUN = new RunView(UUID.randomUUID(), null, "https://draft.lms/courses/course-v1:edX+A+1/info",
			"https://draft.lms", "sync_to_draft", "Spring", "detailed", Instant.parse("2030-01-01T00:00:00Z"), null,
			null, null, List.of("en", "fr"), 12, "course_and_search", "59.99", "EUR", "paid", null, null, null, null,
			null, null, Instant.EPOCH, Instant.EPOCH);

	/** Every input as the form shows it for {@link #RUN}. */
	static Map<String, String> unchanged() {
		Map<String, String> sent = new LinkedHashMap<>();
		RunForm.of(RUN).fields().forEach((input) -> sent.put(input.name(), input.value()));
		return sent;
	}

	@Test
	void sendsNothingWhenNoInputChanged() {
		assertThat(unchanged()).containsEntry("start", "2030-01-01T00:00:00Z").containsEntry("languages", "en, fr");
		assertThat(RunForm.patch(RUN, unchanged()).isEmpty()).isTrue();
	}

	@Test
	void sendsOnlyTheChangedInputsAsTheApiReadsThem() {
		Map<String, String> sent = unchanged();
		sent.put("start", " not a date ");
		sent.put("end", "2030-06-01T00:00:00Z");
		sent.put("languages", "en,de  fr");
		sent.put("title", "");
		sent.put("price", "");
		sent.put("enrollment_count", "12");
		sent.put("sync_mode", "manual");
		ObjectNode patch = RunForm.patch(RUN, sent);
		assertThat(patch.toString()).isEqualTo("{\"sync_mode\":\"manual\",\"title\":null,\"start\":\"not a date\","
				+ "\"end\":\"2030-06-01T00:00:00Z\",\"languages\":[\"en\",\"de\",\"fr\"],\"price\":null}");
	}

	@Test
	void keepsTheTextsSentAndPutsEachErrorBesideItsInput() {
		Map<String, String> sent = Map.of("start", "not a date");
		RunForm form = RunForm.of(RUN, sent, Map.of("start", List.of("Datetime has wrong format.")), null);
		RunForm.Input start = form.fields().stream().filter((input) -> input.name().equals("start")).findFirst().get();
		assertThat(start.value()).isEqualTo("not a date");
		assertThat(start.errors()).containsExactly("Datetime has wrong format.");
		assertThat(start.describedBy()).isEqualTo("start-error");
		RunForm.Input end = form.fields().stream().filter((input) -> input.name().equals("end")).findFirst().get();
		assertThat(end.invalid()).isFalse();
		assertThat(end.describedBy()).isEqualTo("end-hint");
	}

}
