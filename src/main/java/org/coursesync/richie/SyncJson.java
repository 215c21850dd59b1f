package org.coursesync.richie;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Parses a sync body as Python's {@code json.loads} after a strict UTF-8 decode: a BOM is
 * an error, {@code NaN} and {@code Infinity} are numbers (the field rules reject them),
 * nothing may follow the value. Numbers are Python's, read with work bounded by their
 * length: a number with a fraction or an exponent is a double (infinite when too large, 0
 * when too small, whatever its exponent), an integer has at most
 * {@value PythonNumbers#MAX_INT_DIGITS} digits (more is a parse error, as Python's
 * {@code int} limit makes it).
 */
@Component
public class SyncJson {

	private static final int MAX_NESTING = 200;

	/** Parts of Jackson's messages that name its classes or features: never sent back. */
	private static final Pattern INTERNALS = Pattern
		.compile("\\([^()]*`[^()]*\\)|`[^`]*`|\\S*tools\\.jackson\\S*|\\S*java\\.\\S*");

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final JsonMapper mapper;

	private final Function<String, BigInteger> bigIntegers;

	SyncJson() {
		this(BigInteger::new);
	}

	/**
	 * A parser that makes integers too large for a long with {@code bigIntegers} (tests
	 * count what reaches it).
	 */
	SyncJson(Function<String, BigInteger> bigIntegers) {
		// Python reads a float of any length: a number is bounded by the body only, and
		// an integer's digits are counted before any conversion.
		JsonFactory factory = JsonFactory.builder()
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_NESTING)
				.maxNumberLength(Integer.MAX_VALUE)
				.build())
			.build();
		this.mapper = JsonMapper.builder(factory).build();
		this.bigIntegers = bigIntegers;
	}

	/**
	 * The JSON value of {@code bytes}, or a {@link ParseError} saying what is wrong and
	 * where.
	 */
	public JsonNode parse(byte[] bytes) {
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
			throw new ParseError("Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)");
		}
		checkUtf8(bytes);
		try (JsonParser parser = this.mapper.createParser(bytes)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				throw new ParseError("Expecting value" + where(parser.currentLocation()));
			}
			JsonNode root = value(parser, first);
			if (parser.nextToken() != null) {
				throw new ParseError("Extra data after the JSON value" + where(parser.currentTokenLocation()));
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new ParseError(describe(ex));
		}
	}

	/**
	 * The tree of the value that starts at {@code token}; recursion is bounded by the
	 * parser's nesting limit.
	 */
	private JsonNode value(JsonParser parser, JsonToken token) {
		if (token == null) {
			throw new ParseError("Unexpected end of data" + where(parser.currentLocation()));
		}
		return switch (token) {
			case START_OBJECT -> {
				ObjectNode object = nodes.objectNode();
				for (String name = parser.nextName(); name != null; name = parser.nextName()) {
					// Python keeps the last of repeated keys.
					object.set(name, value(parser, parser.nextToken()));
				}
				yield object;
			}
			case START_ARRAY -> {
				ArrayNode array = nodes.arrayNode();
				for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
					array.add(value(parser, item));
				}
				yield array;
			}
			case VALUE_STRING -> nodes.stringNode(parser.getString());
			case VALUE_NUMBER_INT -> integer(parser);
			case VALUE_NUMBER_FLOAT ->
				nodes.numberNode(parser.isNaN() ? parser.getDoubleValue() : Double.parseDouble(parser.getString()));
			case VALUE_TRUE -> nodes.booleanNode(true);
			case VALUE_FALSE -> nodes.booleanNode(false);
			case VALUE_NULL -> nodes.nullNode();
			default -> throw new ParseError("Expecting value" + where(parser.currentTokenLocation()));
		};
	}

	/**
	 * An integer, its digits counted before any conversion: Python refuses more than
	 * {@value PythonNumbers#MAX_INT_DIGITS}.
	 */
	private JsonNode integer(JsonParser parser) {
		String text = parser.getString();
		int digits = text.length() - ((text.charAt(0) == '-') ? 1 : 0);
		if (digits > PythonNumbers.MAX_INT_DIGITS) {
			throw new ParseError("Exceeds the limit (" + PythonNumbers.MAX_INT_DIGITS
					+ " digits) for integer string conversion: value has " + digits + " digits"
					+ where(parser.currentTokenLocation()));
		}
		if (digits <= 18) {
			return nodes.numberNode(Long.parseLong(text));
		}
		return nodes.numberNode(this.bigIntegers.apply(text));
	}

	private static String where(TokenStreamLocation location) {
		if (location == null || location.getLineNr() <= 0) {
			return "";
		}
		// A body read as bytes has byte offsets only: the same as characters for ASCII.
		long offset = (location.getCharOffset() >= 0) ? location.getCharOffset() : location.getByteOffset();
		return ": line " + location.getLineNr() + " column " + location.getColumnNr() + " (char " + Math.max(0, offset)
				+ ")";
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
		return INTERNALS.matcher(message).replaceAll("").strip() + where(ex.getLocation());
	}

	/** Python's name for the type of a JSON scalar, as DRF reports it. */
	public static String pythonType(JsonNode node) {
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
	public static boolean isFalsy(JsonNode node) {
		if (node == null || node.isNull()) {
			return true;
		}
		if (node.isString()) {
			return node.asString().isEmpty();
		}
		if (node.isBoolean()) {
			return !node.booleanValue();
		}
		if (node.isIntegralNumber()) {
			return node.canConvertToLong() ? node.longValue() == 0 : node.bigIntegerValue().signum() == 0;
		}
		if (node.isNumber()) {
			// NaN and infinities are truthy.
			return node.doubleValue() == 0.0;
		}
		return node.isContainer() && node.isEmpty();
	}

	/**
	 * A body that is not UTF-8 JSON; the message says what and where, never a class name.
	 */
	public static final class ParseError extends RuntimeException {

		ParseError(String message) {
			super(message, null, false, false);
		}

	}

}
