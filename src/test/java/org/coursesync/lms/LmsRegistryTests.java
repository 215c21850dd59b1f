package org.coursesync.lms;

import java.time.ZoneId;
import java.util.List;

import org.coursesync.course.RunField;
import org.coursesync.course.SyncMode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * LMS selection, course-key parsing and start-up checks of the LMS configuration.
 */
class LmsRegistryTests {

	private static final String EDX = "^.*/courses/(?P<course_id>.*)/course/?$";

	private final JsonMapper json = JsonMapper.builder().build();

	static LmsProperties properties(List<LmsBackendProperties> backends) {
		return new LmsProperties(SyncMode.SYNC_TO_PUBLIC, backends);
	}

	static LmsBackendProperties backend(String url, String kind, String regex, SyncMode mode, List<String> noUpdate) {
		return new LmsBackendProperties(url, kind, regex, mode, noUpdate);
	}

	@Test
	void selectsFirstMatchingBackend() {
		LmsRegistry registry = new LmsRegistry(
				properties(List.of(backend("https://a", "openedx", "^https://a/courses/(?P<course_id>.+)/course",
						SyncMode.MANUAL, List.of()), backend("https://b", "openedx", EDX, null, List.of()))));
		assertThat(registry.select("https://a/courses/course-v1:x+y+z/course/")).hasValueSatisfying((lms) -> {
			assertThat(lms.baseUrl()).isEqualTo("https://a");
			assertThat(lms.defaultSyncMode()).isEqualTo(SyncMode.MANUAL);
		});
		assertThat(registry.select("https://b/courses/course-v1:x+y+z/course/")).hasValueSatisfying((lms) -> {
			assertThat(lms.index()).isEqualTo(1);
			assertThat(lms.defaultSyncMode()).isEqualTo(SyncMode.SYNC_TO_PUBLIC);
		});
		assertThat(registry.select("https://c/elsewhere")).isEmpty();
		assertThat(registry.select(null)).isEmpty();
	}

	@Test
	void matchesPrefixesLikePythonReMatch() {
		LmsRegistry registry = new LmsRegistry(
				properties(List.of(backend("https://a", "base", "https://a/", null, List.of()))));
		assertThat(registry.select("https://a/anything/after")).isPresent();
		assertThat(registry.select("xhttps://a/")).isEmpty();
	}

	@Test
	void extractsCourseCodeFromRichieExample() {
		LmsBackend lms = new LmsRegistry(
				properties(List.of(backend("http://example.edx:8073", "openedx", EDX, null, List.of()))))
			.backends()
			.get(0);
		String link = "http://example.edx:8073/courses/course-v1:edX+DemoX+01/course/";
		CourseCodeResult code = lms.extractCourseCode(this.json.createObjectNode(), link);
		assertThat(code.code()).isEqualTo("DEMOX");
	}

	@Test
	void matchesInfoAndCourseLinksWithTheShippedRegex() {
		LmsBackend lms = new LmsRegistry(properties(List.of(backend("https://lms.example.com", "openedx",
				"^https://lms\\.example\\.com/courses/(?P<course_id>.+)/(course|info)/?$", null, List.of()))))
			.backends()
			.get(0);
		ObjectNode data = this.json.createObjectNode();
		assertThat(lms.extractCourseCode(data, "https://lms.example.com/courses/course-v1:edX+DemoX+Demo_Course/info")
			.code()).isEqualTo("DEMOX");
		assertThat(lms.extractCourseCode(data, "https://lms.example.com/courses/edX/Demo X/2024/course/").code())
			.isEqualTo("DEMO-X");
	}

	@Test
	void rejectsCourseKeysWithoutThreeParts() {
		LmsBackend lms = new LmsRegistry(properties(List.of(backend("https://a", "openedx", EDX, null, List.of()))))
			.backends()
			.get(0);
		CourseCodeResult code = lms.extractCourseCode(this.json.createObjectNode(),
				"https://a/courses/course-v1:edX+DemoX/course/");
		assertThat(code.isValid()).isFalse();
		assertThat(code.errors()).containsEntry("resource_link", List
			.of("Invalid course key \"course-v1:edX+DemoX\": expected course-v1:ORG+COURSE+RUN or ORG/COURSE/RUN."));
	}

	@Test
	void joanieTakesTheCourseFromThePayload() {
		LmsBackend lms = new LmsRegistry(properties(List
			.of(backend("https://j", "richie.apps.courses.lms.joanie.JoanieBackend", "^https://j/", null, List.of()))))
			.backends()
			.get(0);
		ObjectNode data = this.json.createObjectNode().put("course", "Demo X");
		assertThat(lms.kind()).isEqualTo(LmsKind.JOANIE);
		assertThat(lms.extractCourseCode(data, "https://j/x").code()).isEqualTo("DEMO-X");
		assertThat(lms.extractCourseCode(this.json.createObjectNode(), "https://j/x").errors()).containsEntry("course",
				List.of("This field is required to create a course run."));
	}

	@Test
	void baseBackendCannotCreateRuns() {
		LmsBackend lms = new LmsRegistry(properties(List.of(backend("https://b", "base", "", null, List.of()))))
			.backends()
			.get(0);
		assertThat(lms.extractCourseCode(this.json.createObjectNode(), "https://b/x").isValid()).isFalse();
	}

	@Test
	void mapsOpenEdxVisibilityOnly() {
		LmsBackend lms = new LmsRegistry(properties(List.of(backend("https://a", "openedx", EDX, null, List.of()))))
			.backends()
			.get(0);
		for (String[] pair : new String[][] { { "both", "course_and_search" }, { "about", "course_only" },
				{ "none", "hidden" }, { "hidden", "hidden" }, { "weird", "weird" } }) {
			ObjectNode data = this.json.createObjectNode().put("catalog_visibility", pair[0]);
			lms.cleanData(data);
			assertThat(data.get("catalog_visibility").asString()).isEqualTo(pair[1]);
		}
	}

	@Test
	void failsStartUpNamingTheKey() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> new LmsRegistry(properties(List.of(backend("https://a", "openedx", "(", null, List.of())))))
			.withMessageStartingWith("coursesync.lms-backends[0].course-regex");
		assertThatIllegalStateException()
			.isThrownBy(() -> new LmsRegistry(
					properties(List.of(backend("https://a", "openedx", "^https://a/(?P<id>.+)", null, List.of())))))
			.withMessageContaining("course_id");
		assertThatIllegalStateException()
			.isThrownBy(() -> new LmsRegistry(properties(List.of(backend("https://a", "moodle", "", null, List.of())))))
			.withMessageStartingWith("coursesync.lms-backends[0].backend");
		assertThatIllegalStateException()
			.isThrownBy(() -> new LmsRegistry(
					properties(List.of(backend("https://a", "base", "", null, List.of("languages", "nope"))))))
			.withMessageStartingWith("coursesync.lms-backends[0].course-run-sync-no-update-fields");
	}

	@Test
	void keepsNoUpdateFields() {
		LmsBackend lms = new LmsRegistry(
				properties(List.of(backend("https://a", "base", "", null, List.of("languages", "start")))))
			.backends()
			.get(0);
		assertThat(lms.noUpdateFields()).containsExactlyInAnyOrder(RunField.LANGUAGES, RunField.START);
	}

}
