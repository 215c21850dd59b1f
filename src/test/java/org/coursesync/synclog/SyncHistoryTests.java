package org.coursesync.synclog;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a history row keeps of an item: its source and the secret that signed it (none for
 * a reconciliation); for a rejected item, errors that fit their column as valid JSON, and
 * links every database can store.
 */
class SyncHistoryTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final SyncHistory history = new SyncHistory(null, this.json, Clock.systemUTC());

	@Test
	void recordsAWebhookRowWithItsSecretAndAReconciliationRowWithNone() {
		SyncEvent webhook = this.history.event(new SyncRecord("https://lms/x", "https://lms", SyncOutcome.UPDATED,
				SyncSource.webhook(2), "DEMOX", null, null, Map.of(), Map.of()));
		assertThat(webhook.getSource()).isEqualTo("webhook");
		assertThat(webhook.getSecretIndex()).isEqualTo(2);
		SyncEvent reconciliation = this.history.event(new SyncRecord("https://lms/x", "https://lms",
				SyncOutcome.UPDATED, SyncSource.RECONCILIATION, "DEMOX", null, null, Map.of(), Map.of()));
		assertThat(reconciliation.getSource()).isEqualTo("reconciliation");
		assertThat(reconciliation.getSecretIndex()).isNull();
		SyncEvent rejected = this.history.event(SyncRecord.rejected("https://lms/x", null, 0, Map.of()));
		assertThat(rejected.getSource()).isEqualTo("webhook");
		assertThat(rejected.getSecretIndex()).isZero();
	}

	@Test
	void keepsShortErrorsWhole() {
		Map<String, List<String>> errors = Map.of("languages", List.of("\"zz\" is not a valid choice."));
		assertThat(this.history.errorsText(errors))
			.isEqualTo("{\"languages\":[\"\\\"zz\\\" is not a valid choice.\"]}");
	}

	@Test
	void shortensErrorsQuotingHugeValuesToFitTheColumn() {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		errors.put("languages", List.of("\"" + "x".repeat(200_000) + "\" is not a valid choice."));
		errors.put("offer", List.of("\"" + "\u0000".repeat(200_000) + "\" is not a valid choice."));
		errors.put("resource_link", List.of("Unknown course: " + "\ud83d\ude00".repeat(100_000) + "."));
		String text = this.history.errorsText(errors);
		assertThat(text.length()).isLessThanOrEqualTo(SyncHistory.MAX_ERRORS);
		JsonNode stored = this.json.readTree(text);
		assertThat(stored.propertyNames()).containsExactly("languages", "offer", "resource_link");
		assertThat(stored.get("languages").get(0).asString()).startsWith("\"xxx").endsWith("x\u2026").hasSize(1001);
		assertThat(stored.get("offer").get(0).asString()).doesNotContain("\u0000").endsWith("\u2026");
		assertThat(stored.get("resource_link").get(0).asString()).startsWith("Unknown course: \ud83d\ude00")
			.endsWith("\ud83d\ude00\u2026");
	}

	@Test
	void storesLinksEveryDatabaseAccepts() {
		assertThat(SyncEvent.storable("https://x/\u0000\ud800\ud83d\ude00", 100))
			.isEqualTo("https://x/\ufffd\ufffd\ud83d\ude00");
		assertThat(SyncEvent.storable("ab\ud83d\ude00", 3)).isEqualTo("ab");
		assertThat(SyncEvent.storable("x".repeat(5000), SyncEvent.MAX_LINK)).hasSize(SyncEvent.MAX_LINK);
	}

}
