package org.coursesync.richie;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.coursesync.course.RunField;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Richie's serializer rules, field by field, with DRF's exact messages.
 */
class RunPayloadValidatorTests {

	private final RunPayloadValidator validator = new RunPayloadValidator(
			new RichieProperties("EUR", ZoneId.of("UTC"), null));

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
		assertThat(errors("{\"start\": 1e300000000}"))
			.containsExactly(Map.entry("start", List.of(RichieDateTimes.WRONG_FORMAT)));
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

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{\"price\": 1e300000000}|price|A valid number is required.",
			"{\"price\": -1e300000000}|price|A valid number is required.",
			"{\"certificate_price\": 1e999999999}|certificate_price|A valid number is required.",
			"{\"enrollment_count\": 1e999999999}|enrollment_count|A valid integer is required.",
			"{\"enrollment_count\": 1e100000000}|enrollment_count|A valid integer is required.",
			"{\"enrollment_count\": -1e100000000}|enrollment_count|A valid integer is required.",
			"{\"enrollment_count\": 1e16}|enrollment_count|A valid integer is required.",
			"{\"enrollment_count\": 1e15}|enrollment_count|Ensure this value is less than or equal to 2147483647.",
			"{\"enrollment_count\": \"1e5\"}|enrollment_count|A valid integer is required.",
			"{\"price\": \"1e999999999\"}|price|Ensure that there are no more than 9 digits in total.",
			"{\"price\": \"1e-999999999\"}|price|Ensure that there are no more than 9 digits in total.",
			"{\"price\": \"1e99999999999999999999\"}|price|A valid number is required.",
			"{\"price\": \"-1e-99999999999999999999\"}|price|A valid number is required.",
			"{\"price\": 1e16}|price|Ensure that there are no more than 9 digits in total.",
			"{\"price\": 1e-9}|price|Ensure that there are no more than 2 decimal places.",
			"{\"price\": 123456789012345678901234567890}|price|Ensure that there are no more than 9 digits in total.",
			"{\"offer\": 1e300000000}|offer|\"inf\" is not a valid choice.",
			"{\"catalog_visibility\": -1e300000000}|catalog_visibility|\"-inf\" is not a valid choice.",
			"{\"languages\": [\"fr\", 1e300000000]}|languages|\"inf\" is not a valid choice.",
			"{\"languages\": [1e-999999999]}|languages|\"0.0\" is not a valid choice." })
	void readsHugeExponentsAsPythonDoes(String body, String field, String message) {
		assertThat(errors(body)).containsExactly(Map.entry(field, List.of(message)));
	}

	@Test
	void readsTooSmallNumbersAsZero() {
		RunValidation result = validate("{\"price\": 1e-999999999, \"enrollment_count\": 1e-999999999, "
				+ "\"discount\": -1e-999999999, \"certificate_discount\": 1e300000000, \"price_currency\": 1e400}",
				true);
		assertThat(result.errors()).isEmpty();
		assertThat(result.values()).containsEntry(RunField.PRICE, new BigDecimal("0.00"))
			.containsEntry(RunField.ENROLLMENT_COUNT, 0)
			.containsEntry(RunField.DISCOUNT, "-0.0")
			.containsEntry(RunField.CERTIFICATE_DISCOUNT, "inf")
			.containsEntry(RunField.PRICE_CURRENCY, "inf");
	}

	@Test
	void readsIntegersOfManyDigitsByTheirStringLength() {
		String thousand = "1".repeat(1000);
		assertThat(errors("{\"price\": " + thousand + "}"))
			.containsExactly(Map.entry("price", List.of("Ensure that there are no more than 9 digits in total.")));
		assertThat(errors("{\"price\": " + thousand + "1}"))
			.containsExactly(Map.entry("price", List.of(RunPayloadValidator.STRING_TOO_LARGE)));
		assertThat(errors("{\"enrollment_count\": -" + "9".repeat(4300) + "}")).containsExactly(
				Map.entry("enrollment_count", List.of("Ensure this value is greater than or equal to 0.")));
		assertThat(errors("{\"discount\": " + "9".repeat(4300) + "}"))
			.containsExactly(Map.entry("discount", List.of("Ensure this field has no more than 20 characters.")));
	}

	/**
	 * Random numbers with exponents up to 18 digits and mantissas up to 100,000 digits,
	 * in every numeric reading: each answer is the one for infinity or 0, and a hang
	 * guard ten times above the expected time catches any work that grows with the
	 * exponent.
	 */
	@Test
	void answersRandomHugeNumbersAsInfinityOrZero() {
		Random random = new Random(11);
		Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
			for (int i = 0; i < 400; i++) {
				boolean negative = random.nextBoolean();
				boolean tooLarge = random.nextBoolean();
				int mantissaDigits = 1 + random.nextInt((i % 10 == 0) ? 100_000 : 30);
				long exponent = 400 + mantissaDigits + (long) (random.nextDouble() * Math.pow(10, random.nextInt(18)));
				String mantissa = (1 + random.nextInt(9)) + randomDigits(random, mantissaDigits - 1);
				String number = (negative ? "-" : "")
						+ (tooLarge ? mantissa + "e" + exponent : "0." + mantissa + "E-" + exponent);
				RunValidation result = validate("{\"price\": " + number + ", \"enrollment_count\": " + number
						+ ", \"discount\": " + number + ", \"offer\": " + number + "}", true);
				String text = tooLarge ? (negative ? "-inf" : "inf") : (negative ? "-0.0" : "0.0");
				assertThat(result.values()).as(number).containsEntry(RunField.DISCOUNT, text);
				assertThat(result.errors()).as(number)
					.containsEntry("offer", List.of("\"" + text + "\" is not a valid choice."));
				if (tooLarge) {
					assertThat(result.errors()).containsEntry("price", List.of(RunPayloadValidator.INVALID_NUMBER))
						.containsEntry("enrollment_count", List.of(RunPayloadValidator.INVALID_INTEGER));
				}
				else {
					assertThat(result.values()).containsEntry(RunField.PRICE, new BigDecimal("0.00"))
						.containsEntry(RunField.ENROLLMENT_COUNT, 0);
				}
			}
		});
	}

	private static String randomDigits(Random random, int count) {
		StringBuilder digits = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			digits.append((char) ('0' + random.nextInt(10)));
		}
		return digits.toString();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "resource_link|\"https://x/\\u0000\"", "price_currency|\"E\\u0000R\"", "discount|\"\\u0000\"",
					"certificate_discount|\" a\\u0000 \"", "offer|\"free\\u0000\"", "catalog_visibility|\"\\u0000\"",
					"start|\"2020-01-01\\u0000\"", "price|\"1\\u0000\"", "enrollment_count|\"1\\u0000\"",
					"languages|[\"fr\\u0000\"]", "languages|{\"\\u0000\": 1}" })
	void refusesNulCharactersInAnyString(String field, String value) {
		assertThat(errors("{\"" + field + "\": " + value + "}"))
			.containsExactly(Map.entry(field, List.of("Null characters are not allowed.")));
	}

	@Test
	void reportsEveryCharFieldValidatorAsDrfDoes() {
		assertThat(errors("{\"resource_link\": \"" + "x".repeat(201) + "\\u0000\"}"))
			.containsExactly(Map.entry("resource_link",
					List.of("Ensure this field has no more than 200 characters.", "Null characters are not allowed.")));
		assertThat(errors("{\"discount\": \"a\\ud800b\"}"))
			.containsExactly(Map.entry("discount", List.of("Surrogate characters are not allowed: U+D800.")));
		assertThat(validate("{\"discount\": \"\\ud83d\\ude00\"}", true).values()).containsEntry(RunField.DISCOUNT,
				"\ud83d\ude00");
	}

	@Test
	void countsLengthsInUtf16UnitsSoEveryDatabaseStoresTheValue() {
		assertThat(errors("{\"discount\": \"" + "\\ud83d\\ude00".repeat(11) + "\"}"))
			.containsExactly(Map.entry("discount", List.of("Ensure this field has no more than 20 characters.")));
	}

}
