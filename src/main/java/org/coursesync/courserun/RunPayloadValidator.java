package org.coursesync.courserun;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.coursesync.system.CourseSyncProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Richie's {@code SyncCourseRunSerializer}: DRF's coercions and exact error messages for
 * each syncable field, full validation on create and partial on update. Where Richie
 * answers a 500, this answers a clear field error (empty or too many languages on
 * create).
 */
@Component
public class RunPayloadValidator {

	static final String REQUIRED = "This field is required.";

	static final String NOT_NULL = "This field may not be null.";

	static final String NOT_BLANK = "This field may not be blank.";

	static final String NOT_A_STRING = "Not a valid string.";

	static final String INVALID_INTEGER = "A valid integer is required.";

	static final String INVALID_NUMBER = "A valid number is required.";

	static final String STRING_TOO_LARGE = "String value too large.";

	static final int MAX_LANGUAGES = 50;

	private static final int MAX_STRING_LENGTH = 1000;

	private static final int MAX_LANGUAGES_LENGTH = 1000;

	private static final Pattern TRAILING_ZEROS = Pattern.compile("\\.0*\\s*$");

	private static final Pattern PYTHON_INT = Pattern.compile("\\s*[+-]?\\d+\\s*");

	private static final Set<String> VISIBILITIES = Set.of("course_and_search", "course_only", "hidden");

	private static final Set<String> OFFERS = Set.of("free", "partially_free", "subscription", "paid");

	private static final Set<String> CERTIFICATE_OFFERS = Set.of("free", "subscription", "paid");

	private static final Set<RunField> REQUIRED_ON_CREATE = EnumSet.of(RunField.RESOURCE_LINK, RunField.LANGUAGES);

	private final Set<String> languages;

	private final ZoneId zone;

	public RunPayloadValidator(CourseSyncProperties properties) {
		this.languages = Set.copyOf(properties.languages());
		this.zone = properties.timeZone();
	}

	/**
	 * Validates the syncable fields of {@code data}; {@code partial} for an existing run.
	 */
	public RunValidation validate(ObjectNode data, boolean partial) {
		Map<RunField, Object> values = new EnumMap<>(RunField.class);
		Map<String, List<String>> errors = new LinkedHashMap<>();
		for (RunField field : RunField.values()) {
			JsonNode node = data.get(field.jsonName());
			if (node == null) {
				if (!partial && REQUIRED_ON_CREATE.contains(field)) {
					errors.put(field.jsonName(), List.of(REQUIRED));
				}
				continue;
			}
			try {
				Object value = field(field, node);
				if (!partial && field == RunField.LANGUAGES && ((List<?>) value).isEmpty()) {
					throw new FieldError("This field cannot be blank.");
				}
				values.put(field, value);
			}
			catch (FieldError ex) {
				errors.put(field.jsonName(), List.of(ex.getMessage()));
			}
		}
		return new RunValidation(values, errors);
	}

	/**
	 * The typed value of one field, by the sync endpoint's rules (reused by admin edits).
	 * @throws FieldError with DRF's message when the value is invalid
	 */
	public Object field(RunField field, JsonNode node) {
		return switch (field) {
			case RESOURCE_LINK -> charField(node, 200, true, true);
			case START, END, ENROLLMENT_START, ENROLLMENT_END -> dateTime(node);
			case LANGUAGES -> languages(node);
			case ENROLLMENT_COUNT -> enrollmentCount(node);
			case CATALOG_VISIBILITY -> choice(node, VISIBILITIES, false, false);
			case PRICE, CERTIFICATE_PRICE, DISCOUNTED_PRICE, CERTIFICATE_DISCOUNTED_PRICE -> decimal(node);
			case PRICE_CURRENCY -> charField(node, 7, false, false);
			case OFFER -> choice(node, OFFERS, true, true);
			case CERTIFICATE_OFFER -> choice(node, CERTIFICATE_OFFERS, true, true);
			case DISCOUNT, CERTIFICATE_DISCOUNT -> charField(node, 20, true, true);
		};
	}

	private static String charField(JsonNode node, int maxLength, boolean allowBlank, boolean allowNull) {
		if (node.isNull()) {
			if (!allowNull) {
				throw new FieldError(NOT_NULL);
			}
			return null;
		}
		if (!node.isString() && !node.isNumber()) {
			throw new FieldError(NOT_A_STRING);
		}
		String value = pythonStr(node).strip();
		if (value.isEmpty()) {
			if (!allowBlank) {
				throw new FieldError(NOT_BLANK);
			}
			return "";
		}
		if (value.codePointCount(0, value.length()) > maxLength) {
			throw new FieldError("Ensure this field has no more than " + maxLength + " characters.");
		}
		return value;
	}

	private Object dateTime(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new FieldError(RichieDateTimes.WRONG_FORMAT);
		}
		try {
			return RichieDateTimes.parse(node.asString(), this.zone);
		}
		catch (IllegalArgumentException ex) {
			throw new FieldError(ex.getMessage());
		}
	}

	private List<String> languages(JsonNode node) {
		if (node.isNull()) {
			throw new FieldError(NOT_NULL);
		}
		List<String> items = new ArrayList<>();
		if (node.isArray()) {
			node.forEach((item) -> items.add(item.isString() ? item.asString() : pythonStr(item)));
		}
		else if (node.isObject()) {
			// A dict is iterable in Python: its keys are the items.
			node.propertyNames().forEach(items::add);
		}
		else {
			throw new FieldError("Expected a list of items but got type \"" + SyncJson.pythonType(node) + "\".");
		}
		TreeSet<String> codes = new TreeSet<>();
		for (String item : items) {
			String code = item.toLowerCase(Locale.ROOT).replace('_', '-');
			int dash = code.indexOf('-');
			if (!this.languages.contains(code) && (dash < 0 || !this.languages.contains(code.substring(0, dash)))) {
				throw new FieldError("\"" + item + "\" is not a valid choice.");
			}
			codes.add(code);
		}
		if (codes.size() > MAX_LANGUAGES) {
			throw new FieldError("Ensure this field has no more than " + MAX_LANGUAGES + " languages.");
		}
		if (String.join(",", codes).length() > MAX_LANGUAGES_LENGTH) {
			throw new FieldError(
					"Ensure the language codes total no more than " + MAX_LANGUAGES_LENGTH + " characters.");
		}
		return List.copyOf(codes);
	}

	private static Integer enrollmentCount(JsonNode node) {
		if (node.isNull()) {
			throw new FieldError(NOT_NULL);
		}
		BigInteger value;
		if (node.isIntegralNumber()) {
			value = node.bigIntegerValue();
		}
		else if (node.isNumber()) {
			value = wholeNumber(node);
		}
		else if (node.isString()) {
			String text = node.asString();
			if (text.length() > MAX_STRING_LENGTH) {
				throw new FieldError(STRING_TOO_LARGE);
			}
			text = TRAILING_ZEROS.matcher(text).replaceFirst("");
			if (!PYTHON_INT.matcher(text).matches()) {
				throw new FieldError(INVALID_INTEGER);
			}
			value = new BigInteger(text.strip());
		}
		else {
			throw new FieldError(INVALID_INTEGER);
		}
		if (value.signum() < 0) {
			throw new FieldError("Ensure this value is greater than or equal to 0.");
		}
		if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
			throw new FieldError("Ensure this value is less than or equal to 2147483647.");
		}
		return value.intValue();
	}

	/**
	 * A float that is a whole number ({@code 12.0}); others ({@code 12.5}, NaN) are
	 * invalid.
	 */
	private static BigInteger wholeNumber(JsonNode node) {
		if (!node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
			throw new FieldError(INVALID_INTEGER);
		}
		BigDecimal decimal = node.decimalValue();
		if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
			throw new FieldError(INVALID_INTEGER);
		}
		return decimal.toBigInteger();
	}

	private static String choice(JsonNode node, Set<String> choices, boolean allowBlank, boolean allowNull) {
		if (node.isNull()) {
			if (!allowNull) {
				throw new FieldError(NOT_NULL);
			}
			return null;
		}
		String value = node.isString() ? node.asString() : pythonStr(node);
		if (value.isEmpty() && allowBlank) {
			return "";
		}
		if (!choices.contains(value)) {
			throw new FieldError("\"" + value + "\" is not a valid choice.");
		}
		return value;
	}

	private static BigDecimal decimal(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (node.isNumber() && !node.isBigDecimal() && !node.isIntegralNumber()
				&& !Double.isFinite(node.doubleValue())) {
			throw new FieldError(INVALID_NUMBER);
		}
		String text = (node.isString() ? node.asString() : pythonStr(node)).strip();
		if (text.isEmpty()) {
			return null;
		}
		if (text.length() > MAX_STRING_LENGTH) {
			throw new FieldError(STRING_TOO_LARGE);
		}
		BigDecimal value;
		try {
			value = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new FieldError(INVALID_NUMBER);
		}
		checkPrecision(value);
		return value.setScale(2, RoundingMode.HALF_EVEN);
	}

	/** DRF's {@code validate_precision} for max_digits=9, decimal_places=2. */
	private static void checkPrecision(BigDecimal value) {
		int digits = value.unscaledValue().abs().toString().length();
		int exponent = -value.scale();
		int total;
		int whole;
		int places;
		if (exponent >= 0) {
			total = digits + exponent;
			whole = total;
			places = 0;
		}
		else if (digits > -exponent) {
			total = digits;
			whole = digits + exponent;
			places = -exponent;
		}
		else {
			places = -exponent;
			total = places;
			whole = 0;
		}
		if (total > 9) {
			throw new FieldError("Ensure that there are no more than 9 digits in total.");
		}
		if (places > 2) {
			throw new FieldError("Ensure that there are no more than 2 decimal places.");
		}
		if (whole > 7) {
			throw new FieldError("Ensure that there are no more than 7 digits before the decimal point.");
		}
	}

	/** Python's {@code str()} of a JSON scalar, as DRF coerces it. */
	private static String pythonStr(JsonNode node) {
		if (node.isBoolean()) {
			return node.booleanValue() ? "True" : "False";
		}
		if (node.isNull()) {
			return "None";
		}
		if (node.isNumber() && !node.isIntegralNumber()) {
			if (!node.isBigDecimal()) {
				double d = node.doubleValue();
				if (!Double.isFinite(d)) {
					return Double.isNaN(d) ? "nan" : ((d > 0) ? "inf" : "-inf");
				}
				String text = Double.toString(d);
				return text.contains("E") ? BigDecimal.valueOf(d).toPlainString() : text;
			}
			BigDecimal decimal = node.decimalValue();
			String plain = decimal.toPlainString();
			return (decimal.scale() <= 0) ? plain + ".0" : plain;
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	/** An invalid field value; the message is DRF's. */
	public static final class FieldError extends RuntimeException {

		FieldError(String message) {
			super(message, null, false, false);
		}

	}

}
