package org.coursesync.courserun;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.coursesync.system.CourseSyncProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Richie's serializer rules, field by field, with DRF's exact messages.
 */
class RunPayloadValidatorTests {

	private final RunPayloadValidator validator = new RunPayloadValidator(new CourseSyncProperties(List.of(),
			SyncMode.SYNC_TO_PUBLIC, "EUR", ZoneId.of("UTC"), DataSize.ofMegabytes(10), Duration.ofMinutes(5), false,
			null, List.of(), new CourseSyncProperties.Admin("admin", "x"), Map.of()));

	private final SyncJson json = new SyncJson();

	private RunValidation validate(String body, boolean partial) {
		return this.validator.validate((ObjectNode) this.json.parse(body.getBytes()), partial);
	}

	private Map<String, List<String>> errors(String body) {
		return validate(body, true).errors();
	}

	@Test
	void requiresLinkAndLanguagesOnCreateOnly() {
		assertThat(validate("{}", false).errors()).containsExactly(
				Map.entry("resource_link", List.of("This field is required.")),
				Map.entry("languages", List.of("This field is required.")));
		assertThat(validate("{}", true).isValid()).isTrue();
	}

	@Test
	void typesTheValuesItAccepts() {
		RunValidation result = validate("{\"resource_link\": \" https://x \", \"start\": \"2020-12-09\", "
				+ "\"languages\": [\"fr\", \"EN\", \"fr\", \"pt_BR\", \"zh-HANS\", \"en-us\"], \"enrollment_count\": \"12\", "
				+ "\"price\": 59.99, \"certificate_price\": \"1e3\", \"discounted_price\": \"\", \"offer\": \"\", "
				+ "\"price_currency\": \" usd \", \"discount\": 10}", false);
		assertThat(result.errors()).isEmpty();
		assertThat(result.values()).containsEntry(RunField.RESOURCE_LINK, "https://x")
			.containsEntry(RunField.START, Instant.parse("2020-12-09T00:00:00Z"))
			.containsEntry(RunField.LANGUAGES, List.of("en", "en-us", "fr", "pt-br", "zh-hans"))
			.containsEntry(RunField.ENROLLMENT_COUNT, 12)
			.containsEntry(RunField.PRICE, new BigDecimal("59.99"))
			.containsEntry(RunField.CERTIFICATE_PRICE, new BigDecimal("1000.00"))
			.containsEntry(RunField.DISCOUNTED_PRICE, null)
			.containsEntry(RunField.OFFER, "")
			.containsEntry(RunField.PRICE_CURRENCY, "usd")
			.containsEntry(RunField.DISCOUNT, "10");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"enrollment_count\": 12.5}|enrollment_count|A valid integer is required.",
			"{\"enrollment_count\": true}|enrollment_count|A valid integer is required.",
			"{\"enrollment_count\": \"abc\"}|enrollment_count|A valid integer is required.",
			"{\"enrollment_count\": null}|enrollment_count|This field may not be null.",
			"{\"enrollment_count\": -1}|enrollment_count|Ensure this value is greater than or equal to 0.",
			"{\"enrollment_count\": 2147483648}|enrollment_count|Ensure this value is less than or equal to 2147483647.",
			"{\"catalog_visibility\": \"both\"}|catalog_visibility|\"both\" is not a valid choice.",
			"{\"catalog_visibility\": \"\"}|catalog_visibility|\"\" is not a valid choice.",
			"{\"catalog_visibility\": null}|catalog_visibility|This field may not be null.",
			"{\"languages\": \"fr\"}|languages|Expected a list of items but got type \"str\".",
			"{\"languages\": 5}|languages|Expected a list of items but got type \"int\".",
			"{\"languages\": null}|languages|This field may not be null.",
			"{\"languages\": [\"fr\", \"xx\", \"yy\"]}|languages|\"xx\" is not a valid choice.",
			"{\"price\": \"abc\"}|price|A valid number is required.",
			"{\"price\": NaN}|price|A valid number is required.",
			"{\"price\": \"Infinity\"}|price|A valid number is required.",
			"{\"price\": \"1.234\"}|price|Ensure that there are no more than 2 decimal places.",
			"{\"price\": \"1234567890\"}|price|Ensure that there are no more than 9 digits in total.",
			"{\"price\": \"12345678.9\"}|price|Ensure that there are no more than 7 digits before the decimal point.",
			"{\"price_currency\": \"  \"}|price_currency|This field may not be blank.",
			"{\"price_currency\": null}|price_currency|This field may not be null.",
			"{\"price_currency\": \"EURO-DOLLAR\"}|price_currency|Ensure this field has no more than 7 characters.",
			"{\"offer\": \"cheap\"}|offer|\"cheap\" is not a valid choice.",
			"{\"certificate_offer\": \"partially_free\"}|certificate_offer|\"partially_free\" is not a valid choice.",
			"{\"discount\": true}|discount|Not a valid string.",
			"{\"discount\": \"123456789012345678901\"}|discount|Ensure this field has no more than 20 characters." })
	void rejectsWithDrfMessage(String body, String field, String message) {
		assertThat(errors(body)).containsExactly(Map.entry(field, List.of(message)));
	}

	@Test
	void rejectsNumbersAsDatetimes() {
		assertThat(errors("{\"start\": 1}")).containsExactly(Map.entry("start", List.of(RichieDateTimes.WRONG_FORMAT)));
	}

	@Test
	void acceptsIntegersWrittenAsWholeFloatsOrStrings() {
		assertThat(validate("{\"enrollment_count\": 12.0}", true).values()).containsEntry(RunField.ENROLLMENT_COUNT,
				12);
		assertThat(validate("{\"enrollment_count\": \" 7 \"}", true).values()).containsEntry(RunField.ENROLLMENT_COUNT,
				7);
	}

	@Test
	void reportsEveryErrorInSerializerOrder() {
		assertThat(errors("{\"price\": \"x\", \"languages\": [\"zz\"], \"start\": \"tomorrow\"}").keySet())
			.containsExactly("start", "languages", "price");
	}

	@Test
	void refusesEmptyLanguagesOnCreateButLetsAnUpdateClearThem() {
		assertThat(validate("{\"resource_link\": \"x\", \"languages\": []}", false).errors())
			.containsExactly(Map.entry("languages", List.of("This field cannot be blank.")));
		assertThat(validate("{\"languages\": []}", true).values()).containsEntry(RunField.LANGUAGES, List.of());
	}

	@Test
	void acceptsAnObjectOfLanguagesByItsKeys() {
		assertThat(validate("{\"languages\": {\"fr\": 1, \"de\": 2}}", true).values()).containsEntry(RunField.LANGUAGES,
				List.of("de", "fr"));
	}

	@Test
	void ignoresUnknownKeys() {
		assertThat(validate("{\"title\": \"x\", \"sync_mode\": \"manual\", \"course\": 1}", true).values()).isEmpty();
	}

}
