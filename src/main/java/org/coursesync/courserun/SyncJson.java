package org.coursesync.courserun;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Parses a sync body as Python's {@code json.loads} after a strict UTF-8 decode: a BOM is
 * an error, {@code NaN} and {@code Infinity} are numbers (the field rules reject them),
 * decimals stay exact, nothing may follow the value.
 */
@Component
class SyncJson {

	private static final int MAX_NESTING = 200;

	/** Parts of Jackson's messages that name its classes or features: never sent back. */
	private static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern
		.compile("\\([^()]*`[^()]*\\)|`[^`]*`|\\S*tools\\.jackson\\S*|\\S*java\\.\\S*");

	private final JsonMapper mapper;

	SyncJson() {
		JsonFactory factory = JsonFactory.builder()
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
			.build();
		this.mapper = JsonMapper.builder(factory)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * The JSON value of {@code bytes}, or a {@link ParseError} saying what is wrong and
	 * where.
	 */
	JsonNode parse(byte[] bytes) {
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
			throw new ParseError("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
		}
		checkUtf8(bytes);
		try {
			return this.mapper.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new ParseError(describe(ex));
		}
	}

	private static void checkUtf8(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT);
				try {
					decoder.decode(ByteBuffer.wrap(bytes));
				}
				catch (CharacterCodingException ex) {
					throw new ParseError("the body is not valid UTF-8: send it encoded as UTF-8");
				}
				return;
			}
		}
	}

	private static String describe(JacksonException ex) {
		String message = ex.getOriginalMessage();
		if (message == null || message.isBlank()) {
			message = "invalid JSON";
		}
		// Keep the first line only: Jackson appends hints that name its own classes.
		int newline = message.indexOf('\n');
		if (newline >= 0) {
			message = message.substring(0, newline);
		}
		if (message.startsWith("Trailing token")) {
			message = "Extra data after the JSON value";
		}
		message = INTERNALS.matcher(message).replaceAll("").strip();
		TokenStreamLocation location = ex.getLocation();
		if (location != null && location.getLineNr() > 0) {
			message += ": line " + location.getLineNr() + " column " + location.getColumnNr() + " (char "
					+ Math.max(0, location.getCharOffset()) + ")";
		}
		return message;
	}

	/** Python's name for the type of a JSON scalar, as DRF reports it. */
	static String pythonType(JsonNode node) {
		if (node.isString()) {
			return "str";
		}
		if (node.isBoolean()) {
			return "bool";
		}
		if (node.isIntegralNumber()) {
			return "int";
		}
		if (node.isNumber()) {
			return "float";
		}
		return "NoneType";
	}

	/**
	 * Python truthiness of an optional value: missing, null, "", 0, false, [] and {} are
	 * false.
	 */
	static boolean isFalsy(JsonNode node) {
		if (node == null || node.isNull()) {
			return true;
		}
		if (node.isString()) {
			return node.asString().isEmpty();
		}
		if (node.isBoolean()) {
			return !node.booleanValue();
		}
		if (node.isNumber()) {
			// NaN and infinities are truthy, and have no decimal value.
			return (node.isFloatingPointNumber() && !node.isBigDecimal()) ? node.doubleValue() == 0.0
					: node.decimalValue().signum() == 0;
		}
		return node.isContainer() && node.isEmpty();
	}

	/**
	 * A body that is not UTF-8 JSON; the message says what and where, never a class name.
	 */
	static final class ParseError extends RuntimeException {

		ParseError(String message) {
			super(message, null, false, false);
		}

	}

}
