package org.coursesync.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history rows of one run's enrollment count, checked for being serial: each write
 * replaced the value the previous one wrote. Rows are ordered by following the chain from
 * the run's first value (the rows of a group of updates share their received time).
 *
 * @param steps each updated row's {@code [before, after]}
 */
record HistoryChain(List<int[]> steps) {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** The enrollment count changes of the "updated" rows among {@code events}. */
	static HistoryChain of(List<Map<String, Object>> events) {
		List<int[]> steps = new ArrayList<>();
		for (Map<String, Object> event : events) {
			if (!"updated".equals(event.get("outcome"))) {
				continue;
			}
			JsonNode change = json.readTree((String) event.get("changes")).get("enrollment_count");
			steps.add(new int[] { change.get("before").asInt(), change.get("after").asInt() });
		}
		return new HistoryChain(steps);
	}

	/** How many rows share their "before" with another row. */
	int sharedBefores() {
		Map<Integer, Integer> counts = new HashMap<>();
		this.steps.forEach((step) -> counts.merge(step[0], 1, Integer::sum));
		return counts.values().stream().filter((count) -> count > 1).mapToInt(Integer::intValue).sum();
	}

	/**
	 * Asserts the chain is serial: starting from {@code first}, every row's "before" is
	 * the previous row's "after", every row is on the chain once, and the last "after" is
	 * {@code stored}.
	 */
	void assertSerial(int first, int stored) {
		Map<Integer, int[]> byBefore = new HashMap<>();
		for (int[] step : this.steps) {
			assertThat(byBefore.put(step[0], step)).as("another row with before = %d", step[0]).isNull();
		}
		int value = first;
		int followed = 0;
		while (byBefore.containsKey(value)) {
			value = byBefore.remove(value)[1];
			followed++;
		}
		assertThat(followed).as("rows on the chain from %d", first).isEqualTo(this.steps.size());
		assertThat(value).as("the newest row's after against the stored run").isEqualTo(stored);
	}

}
