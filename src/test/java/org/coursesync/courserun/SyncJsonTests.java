package org.coursesync.courserun;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Parse errors say what and where, and never name Jackson's classes or features.
 */
class SyncJsonTests {

	private final SyncJson json = new SyncJson();

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\": ", "{\"a\":1}{\"b\":2}", "[1,]", "{'a': 1}", "tru", "{\"a\": 0x10}", "01" })
	void explainsWithoutInternals(String body) {
		assertThatExceptionOfType(SyncJson.ParseError.class)
			.isThrownBy(() -> this.json.parse(body.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.getMessage()).isNotBlank()
				.contains("line 1 column")
				.doesNotContain("`")
				.doesNotContain("jackson")
				.doesNotContain("java."));
	}

	@Test
	void namesExtraData() {
		assertThatExceptionOfType(SyncJson.ParseError.class)
			.isThrownBy(() -> this.json.parse("{} {}".getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith("Extra data after the JSON value");
	}

	@Test
	void refusesDeepNesting() {
		byte[] deep = ("[".repeat(500) + "]".repeat(500)).getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(SyncJson.ParseError.class).isThrownBy(() -> this.json.parse(deep));
	}

	@Test
	void readsNanAsANumberForTheFieldRulesToReject() {
		assertThat(this.json.parse("{\"price\": NaN}".getBytes(StandardCharsets.UTF_8)).get("price").isNumber())
			.isTrue();
	}

}
