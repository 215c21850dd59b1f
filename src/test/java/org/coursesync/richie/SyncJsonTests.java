package org.coursesync.richie;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

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

	@Test
	void readsFloatsAsDoublesWhateverTheirExponent() {
		JsonNode root = this.json.parse(("{\"a\": 1e300000000, \"b\": 1e-999999999, \"c\": -1E+999999999999999999999, "
				+ "\"d\": 0." + "0".repeat(100_000) + "1, \"e\": 1" + "0".repeat(100_000) + ".5, \"f\": 59.99}")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(root.get("a").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(root.get("b").doubleValue()).isZero();
		assertThat(root.get("c").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
		assertThat(root.get("d").doubleValue()).isZero();
		assertThat(root.get("e").doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(root.get("f").doubleValue()).isEqualTo(59.99);
		assertThat(SyncJson.pythonType(root.get("a"))).isEqualTo("float");
	}

	@Test
	void refusesIntegersOfMoreDigitsThanPythonReads() {
		String body = "{\"enrollment_count\": " + "9".repeat(4301) + "}";
		assertThatExceptionOfType(SyncJson.ParseError.class)
			.isThrownBy(() -> this.json.parse(body.getBytes(StandardCharsets.UTF_8)))
			.withMessage("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits: "
					+ "line 1 column 22 (char 21)");
		assertThatExceptionOfType(SyncJson.ParseError.class)
			.isThrownBy(() -> this.json.parse(("[-" + "9".repeat(4301) + "]").getBytes(StandardCharsets.UTF_8)))
			.withMessageStartingWith(
					"Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits");
		JsonNode root = this.json.parse(("[-" + "9".repeat(4300) + ", 0]").getBytes(StandardCharsets.UTF_8));
		assertThat(root.get(0).bigIntegerValue()).isEqualTo(new BigInteger("-" + "9".repeat(4300)));
		assertThat(SyncJson.pythonType(root.get(0))).isEqualTo("int");
	}

	/**
	 * The work bound, by counting: an integer's digits are counted on the token, and only
	 * one of at most 4300 digits ever reaches a BigInteger; floats never do.
	 */
	@Test
	void makesNoBigIntegerOfTooManyDigits() {
		List<Integer> converted = new ArrayList<>();
		SyncJson counting = new SyncJson((text) -> {
			converted.add(text.length());
			return new BigInteger(text);
		});
		for (int digits : new int[] { 4301, 100_000, 1_000_000 }) {
			byte[] body = ("{\"resource_link\": \"x\", \"enrollment_count\": 1" + "0".repeat(digits - 1) + "}")
				.getBytes(StandardCharsets.UTF_8);
			assertThatExceptionOfType(SyncJson.ParseError.class).isThrownBy(() -> counting.parse(body))
				.withMessageContaining("value has " + digits + " digits");
		}
		counting.parse(("[1e300000000, 1" + "0".repeat(1_000_000) + ".0, 123456789012345678]")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(converted).isEmpty();
		counting.parse(("[1" + "0".repeat(4299) + ", 1234567890123456789]").getBytes(StandardCharsets.UTF_8));
		assertThat(converted).containsExactly(4300, 19);
	}

	@Test
	void keepsTheLastOfRepeatedKeysAsPythonDoes() {
		JsonNode root = this.json.parse("{\"a\": 1, \"b\": 2, \"a\": 3}".getBytes(StandardCharsets.UTF_8));
		assertThat(root.toString()).isEqualTo("{\"a\":3,\"b\":2}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "[1, 2", "{\"a\": [" })
	void refusesEmptyOrUnfinishedDocuments(String body) {
		assertThatExceptionOfType(SyncJson.ParseError.class)
			.isThrownBy(() -> this.json.parse(body.getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("line 1 column"));
	}

}
