package org.coursesync.reliability;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.coursesync.support.HttpIT;
import org.coursesync.synclog.SyncHistory;
import org.coursesync.synclog.SyncOutcome;
import org.coursesync.synclog.SyncRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

/**
 * A failure after the draft (and public copy) were written, inside one item's
 * transaction: none of that item remains, its history row says it failed, the other items
 * keep theirs.
 */
class ItemAtomicityIT extends HttpIT {

	static final String GOOD_1 = "http://example.edx:8073/courses/course-v1:edX+DemoX+A/course/";

	static final String BAD = "http://example.edx:8073/courses/course-v1:edX+DemoX+B/course/";

	static final String GOOD_2 = "http://example.edx:8073/courses/course-v1:edX+DemoX+C/course/";

	@MockitoSpyBean
	SyncHistory history;

	UUID course;

	@BeforeEach
	void setUp() {
		this.course = this.db.course("DEMOX", "Demo");
		this.db.publishCourse(this.course);
		// Fails the history write of BAD's accepted item: after its draft and public copy
		// were written.
		doThrow(new DataAccessResourceFailureException("connection killed")).when(this.history)
			.record(argThat((SyncRecord r) -> BAD.equals(r.resourceLink()) && r.outcome() != SyncOutcome.REJECTED));
	}

	@Test
	void rollsBackTheFailedItemAndKeepsTheOthers() {
		HttpResponse<String> response = this.http.sync("""
				[{"resource_link": "%s", "languages": ["en"]}, {"resource_link": "%s", "languages": ["en"]}, \
				{"resource_link": "%s", "languages": ["en"]}]""".formatted(GOOD_1, BAD, GOOD_2));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).isEqualTo("{\"" + GOOD_1 + "\":{\"success\":true},\"" + BAD
				+ "\":{\"detail\":[\"The catalog database could not store this item; nothing of it was kept: "
				+ "send it again.\"]},\"" + GOOD_2 + "\":{\"success\":true}}");
		assertThat(this.db.draftRuns()).extracting((run) -> run.get("resource_link")).containsExactly(GOOD_1, GOOD_2);
		assertThat(this.db.publicRuns()).extracting((run) -> run.get("resource_link"))
			.containsExactlyInAnyOrder(GOOD_1, GOOD_2);
		List<Map<String, Object>> events = this.db.events();
		assertThat(events).extracting((event) -> event.get("resource_link") + " " + event.get("outcome"))
			.containsExactlyInAnyOrder(GOOD_1 + " created", BAD + " rejected", GOOD_2 + " created");
	}

	@Test
	void answersASingleFailedItemWith503AndKeepsNothing() {
		HttpResponse<String> response = this.http.sync("""
				{"resource_link": "%s", "languages": ["en"]}""".formatted(BAD));
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.body()).startsWith("{\"detail\":\"");
		assertThat(this.db.draftRuns()).isEmpty();
		assertThat(this.db.publicRuns()).isEmpty();
		assertThat(this.db.unpublishedChanges("DEMOX")).isFalse();
		assertThat(this.db.events()).singleElement().satisfies((event) -> {
			assertThat(event.get("outcome")).isEqualTo("rejected");
			assertThat(event.get("errors").toString()).contains("could not store this item");
		});
	}

}
