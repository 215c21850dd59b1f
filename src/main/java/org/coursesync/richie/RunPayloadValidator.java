package org.coursesync.richie;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.coursesync.course.RunField;
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

	public static final String REQUIRED = "This field is required.";

	static final String NOT_NULL = "This field may not be null.";

	static final String NOT_BLANK = "This field may not be blank.";

	static final String NOT_A_STRING = "Not a valid string.";

	static final String INVALID_INTEGER = "A valid integer is required.";

	static final String INVALID_NUMBER = "A valid number is required.";

	static final String STRING_TOO_LARGE = "String value too large.";

	public static final String NULL_CHARACTERS = "Null characters are not allowed.";

	static final int MAX_LANGUAGES = 50;

	private static final int MAX_STRING_LENGTH = 1000;

	private static final int MAX_LANGUAGES_LENGTH = 1000;

	/** More bits than an int of {@link PythonNumbers#MAX_INT_DIGITS} digits has. */
	private static final int MAX_INT_BITS = 14_285;

	/** At least this many bits: more than {@link #MAX_STRING_LENGTH} digits. */
	private static final int MAX_STRING_BITS = 3_325;

	private static final Set<String> VISIBILITIES = Set.of("course_and_search", "course_only", "hidden");

	private static final Set<String> OFFERS = Set.of("free", "partially_free", "subscription", "paid");

	private static final Set<String> CERTIFICATE_OFFERS = Set.of("free", "subscription", "paid");

	private static final Set<RunField> REQUIRED_ON_CREATE = EnumSet.of(RunField.RESOURCE_LINK, RunField.LANGUAGES);

	private final Set<String> languages;

	private final ZoneId zone;

	public RunPayloadValidator(RichieProperties properties) {
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
				errors.put(field.jsonName(), ex.messages());
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

	/**
	 * DRF's {@code CharField}: a string or a number (as Python's {@code str()}), trimmed;
	 * its validators (length, NUL, surrogates) all report. The length counts UTF-16 code
	 * units, not code points as Python does, so that a value fits its column on H2 as on
	 * PostgreSQL; the two differ only for characters outside the Basic Multilingual
	 * Plane.
	 */
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
		String value = PythonNumbers.strip(pythonStr(node));
		if (value.isEmpty()) {
			if (!allowBlank) {
				throw new FieldError(NOT_BLANK);
			}
			return "";
		}
		List<String> errors = new ArrayList<>(2);
		if (value.length() > maxLength) {
			errors.add("Ensure this field has no more than " + maxLength + " characters.");
		}
		String unstorable = unstorable(value);
		if (unstorable != null) {
			errors.add(unstorable);
		}
		if (!errors.isEmpty()) {
			throw new FieldError(errors);
		}
		return value;
	}

	/**
	 * Why a database cannot store {@code value} as sent, in DRF's words: a NUL character
	 * (PostgreSQL refuses it) or a lone surrogate (not UTF-8); {@code null} when it can.
	 */
	public static String unstorable(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return NULL_CHARACTERS;
			}
			if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < value.length()
						&& Character.isLowSurrogate(value.charAt(i + 1))) {
					i++;
					continue;
				}
				return "Surrogate characters are not allowed: U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
						+ ".";
			}
		}
		return null;
	}

	/** A string with a NUL character: refused in any field, whatever else it holds. */
	private static void refuseNul(JsonNode node) {
		if (node.isString() && node.asString().indexOf(0) >= 0) {
			throw new FieldError(NULL_CHARACTERS);
		}
	}

	private Object dateTime(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (!node.isString()) {
			throw new FieldError(RichieDateTimes.WRONG_FORMAT);
		}
		refuseNul(node);
		try {
			return RichieDateTimes.parse(node.asString(), this.zone);
		}
		catch (IllegalArgumentException ex) {
			throw new FieldError(ex.getMessage());
		}
	}

	/**
	 * DRF's {@code MultipleChoiceField}: items checked in order, the first invalid one
	 * reported (the rest is not read, as Python's set comprehension stops there).
	 */
	private List<String> languages(JsonNode node) {
		if (node.isNull()) {
			throw new FieldError(NOT_NULL);
		}
		TreeSet<String> codes = new TreeSet<>();
		if (node.isArray()) {
			for (JsonNode item : node) {
				refuseNul(item);
				codes.add(language(item.isString() ? item.asString() : pythonStr(item)));
			}
		}
		else if (node.isObject()) {
			// A dict is iterable in Python: its keys are the items.
			for (String key : node.propertyNames()) {
				if (key.indexOf(0) >= 0) {
					throw new FieldError(NULL_CHARACTERS);
				}
				codes.add(language(key));
			}
		}
		else {
			throw new FieldError("Expected a list of items but got type \"" + SyncJson.pythonType(node) + "\".");
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

	/** The normalized code of one language item, or its DRF error. */
	private String language(String item) {
		String code = item.toLowerCase(Locale.ROOT).replace('_', '-');
		int dash = code.indexOf('-');
		if (!this.languages.contains(code) && (dash < 0 || !this.languages.contains(code.substring(0, dash)))) {
			throw new FieldError("\"" + item + "\" is not a valid choice.");
		}
		return code;
	}

	/**
	 * DRF's {@code IntegerField}: Python's {@code int()} of {@code str(value)} once a
	 * trailing {@code .0} is dropped, so {@code 12.0} and {@code "12"} are 12 while
	 * {@code 1e+16}, {@code inf} and {@code 12.5} are invalid.
	 */
	private static Integer enrollmentCount(JsonNode node) {
		if (node.isNull()) {
			throw new FieldError(NOT_NULL);
		}
		long value;
		if (node.isIntegralNumber()) {
			value = saturatedLong(node);
		}
		else {
			if (node.isString()) {
				if (node.asString().length() > MAX_STRING_LENGTH) {
					throw new FieldError(STRING_TOO_LARGE);
				}
				refuseNul(node);
			}
			else if (!node.isNumber()) {
				throw new FieldError(INVALID_INTEGER);
			}
			Long parsed = PythonNumbers.parseInt(dropTrailingZeros(pythonStr(node)));
			if (parsed == null) {
				throw new FieldError(INVALID_INTEGER);
			}
			value = parsed;
		}
		if (value < 0) {
			throw new FieldError("Ensure this value is greater than or equal to 0.");
		}
		if (value > Integer.MAX_VALUE) {
			throw new FieldError("Ensure this value is less than or equal to 2147483647.");
		}
		return (int) value;
	}

	/** An integer node's value, saturated to the long range (no decimal conversion). */
	private static long saturatedLong(JsonNode node) {
		if (node.canConvertToLong()) {
			return node.longValue();
		}
		BigInteger value = node.bigIntegerValue();
		if (value.bitLength() > MAX_INT_BITS) {
			// More digits than Python converts: its str() raises, DRF says invalid.
			throw new FieldError(INVALID_INTEGER);
		}
		return (value.signum() < 0) ? Long.MIN_VALUE : Long.MAX_VALUE;
	}

	/** DRF's {@code re.compile(r'\.0*\s*$').sub('', text)}, without a regex. */
	private static String dropTrailingZeros(String text) {
		int dot = text.lastIndexOf('.');
		if (dot < 0) {
			return text;
		}
		int at = dot + 1;
		while (at < text.length() && text.charAt(at) == '0') {
			at++;
		}
		while (at < text.length() && PythonNumbers.isPythonSpace(text.charAt(at))) {
			at++;
		}
		return (at == text.length()) ? text.substring(0, dot) : text;
	}

	private static String choice(JsonNode node, Set<String> choices, boolean allowBlank, boolean allowNull) {
		if (node.isNull()) {
			if (!allowNull) {
				throw new FieldError(NOT_NULL);
			}
			return null;
		}
		refuseNul(node);
		String value = node.isString() ? node.asString() : pythonStr(node);
		if (value.isEmpty() && allowBlank) {
			return "";
		}
		if (!choices.contains(value)) {
			throw new FieldError("\"" + value + "\" is not a valid choice.");
		}
		return value;
	}

	/**
	 * DRF's {@code DecimalField(max_digits=9, decimal_places=2)}: {@code Decimal} of
	 * {@code str(value)}; a float is its {@code repr} ({@code inf} for one too large for
	 * a double, {@code 0.0} for one too small). The precision is checked on the digit
	 * count and exponent before any {@link BigDecimal} is made.
	 */
	private static BigDecimal decimal(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		refuseNul(node);
		if (node.isIntegralNumber() && !node.canConvertToLong()
				&& node.bigIntegerValue().bitLength() > MAX_STRING_BITS) {
			// str() of it has more than 1000 digits.
			throw new FieldError(STRING_TOO_LARGE);
		}
		String text = PythonNumbers.strip(pythonStr(node));
		if (text.isEmpty()) {
			return null;
		}
		if (text.length() > MAX_STRING_LENGTH) {
			throw new FieldError(STRING_TOO_LARGE);
		}
		PythonNumbers.DecimalText value = PythonNumbers.decimal(text);
		if (value == null) {
			throw new FieldError(INVALID_NUMBER);
		}
		checkPrecision(value);
		return value.toBigDecimal().setScale(2, RoundingMode.HALF_EVEN);
	}

	/** DRF's {@code validate_precision} for max_digits=9, decimal_places=2. */
	private static void checkPrecision(PythonNumbers.DecimalText value) {
		long digits = value.digits().length();
		long exponent = value.exponent();
		long total;
		long whole;
		long places;
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

	/**
	 * Python's {@code str()} of a JSON scalar, as DRF coerces it: a float is its
	 * {@code repr}, an integer its digits.
	 */
	private static String pythonStr(JsonNode node) {
		if (node.isBoolean()) {
			return node.booleanValue() ? "True" : "False";
		}
		if (node.isNull()) {
			return "None";
		}
		if (node.isIntegralNumber()) {
			if (!node.canConvertToLong() && node.bigIntegerValue().bitLength() > MAX_INT_BITS) {
				// Python's str() refuses it; never reached through SyncJson.
				throw new FieldError(STRING_TOO_LARGE);
			}
			return node.bigIntegerValue().toString();
		}
		if (node.isNumber()) {
			return PythonNumbers.repr(node.doubleValue());
		}
		return node.isValueNode() ? node.asString() : node.toString();
	}

	/** An invalid field value; the message is DRF's. */
	public static final class FieldError extends RuntimeException {

		private final List<String> messages;

		public FieldError(String message) {
			this(List.of(message));
		}

		FieldError(List<String> messages) {
			super(messages.get(0), null, false, false);
			this.messages = List.copyOf(messages);
		}

		/** Every message for the field, in DRF's order (usually one). */
		public List<String> messages() {
			return this.messages;
		}

	}

}
