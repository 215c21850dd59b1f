package org.coursesync.richie;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

import tools.jackson.core.io.schubfach.DoubleToDecimal;

/**
 * Numbers as Python reads and prints them for DRF: {@code repr} of a float, {@code int()}
 * and {@code decimal.Decimal()} of a string. The work is bounded by the length of the
 * text whatever its exponent: no {@link BigInteger} or {@link BigDecimal} is built before
 * its digit count and exponent are known to be small.
 */
final class PythonNumbers {

	/**
	 * Python's limit on the digits of an int read from or written to a string
	 * ({@code sys.int_info.default_max_str_digits}).
	 */
	static final int MAX_INT_DIGITS = 4300;

	/** The largest exponent of a {@code Decimal} read exactly (libmpdec's MAX_EMAX). */
	private static final long EMAX = 999_999_999_999_999_999L;

	/** The smallest exponent of a {@code Decimal} read exactly (libmpdec's etiny). */
	private static final long ETINY = -EMAX - (EMAX - 1);

	/** Exponents beyond this are saturated while reading: all of them are invalid. */
	private static final long SATURATED = 4 * EMAX + 4;

	private PythonNumbers() {
	}

	/**
	 * Python's {@code repr()} of a float, e.g. {@code 1e+16}, {@code 59.99}, {@code inf}.
	 */
	static String repr(double value) {
		if (Double.isNaN(value)) {
			return "nan";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "inf" : "-inf";
		}
		String sign = (Double.doubleToRawLongBits(value) < 0) ? "-" : "";
		double magnitude = Math.abs(value);
		if (magnitude == 0) {
			return sign + "0.0";
		}
		Digits digits = shortest(magnitude);
		return sign + format(digits.digits(), digits.point());
	}

	/**
	 * Significant digits and the position of the decimal point ({@code 0.d1d2.. x
	 * 10^point}).
	 */
	private record Digits(String digits, int point) {
	}

	/**
	 * The shortest digits that read back as {@code magnitude}, the nearest when several
	 * are as short (Python's repr). Schubfach gives that, except that it never gives
	 * fewer than two digits: a one-digit answer is looked for then.
	 */
	private static Digits shortest(double magnitude) {
		String text = DoubleToDecimal.toString(magnitude);
		int e = text.indexOf('E');
		String mantissa = (e >= 0) ? text.substring(0, e) : text;
		int exponent = (e >= 0) ? Integer.parseInt(text.substring(e + 1)) : 0;
		int dot = mantissa.indexOf('.');
		StringBuilder digits = new StringBuilder(mantissa.length()).append(mantissa, 0, dot)
			.append(mantissa, dot + 1, mantissa.length());
		int point = dot + exponent;
		while (digits.length() > 1 && digits.charAt(0) == '0') {
			digits.deleteCharAt(0);
			point--;
		}
		while (digits.length() > 1 && digits.charAt(digits.length() - 1) == '0') {
			digits.setLength(digits.length() - 1);
		}
		if (digits.length() == 2) {
			Digits one = oneDigit(magnitude);
			if (one != null) {
				return one;
			}
		}
		return new Digits(digits.toString(), point);
	}

	/**
	 * The one-digit decimal nearest to {@code magnitude} that reads back as it, if any.
	 */
	private static Digits oneDigit(double magnitude) {
		BigDecimal exact = new BigDecimal(magnitude);
		BigDecimal best = null;
		for (RoundingMode mode : new RoundingMode[] { RoundingMode.FLOOR, RoundingMode.CEILING }) {
			BigDecimal candidate = exact.round(new MathContext(1, mode));
			if (candidate.signum() == 0 || Double.parseDouble(candidate.toString()) != magnitude) {
				continue;
			}
			if (best == null) {
				best = candidate;
				continue;
			}
			int closer = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
			if (closer < 0 || (closer == 0 && !candidate.unscaledValue().testBit(0))) {
				best = candidate;
			}
		}
		if (best == null) {
			return null;
		}
		BigDecimal stripped = best.stripTrailingZeros();
		String digit = stripped.unscaledValue().toString();
		return new Digits(digit, digit.length() - stripped.scale());
	}

	/**
	 * CPython's {@code format_float_short} for {@code repr}: positional from 1e-4 to
	 * 1e16, scientific with a signed two-digit exponent otherwise.
	 */
	private static String format(String digits, int point) {
		if (point <= -4 || point > 16) {
			StringBuilder text = new StringBuilder(digits.length() + 6).append(digits.charAt(0));
			if (digits.length() > 1) {
				text.append('.').append(digits, 1, digits.length());
			}
			int exponent = point - 1;
			text.append((exponent < 0) ? "e-" : "e+");
			if (Math.abs(exponent) < 10) {
				text.append('0');
			}
			return text.append(Math.abs(exponent)).toString();
		}
		if (point <= 0) {
			return "0." + "0".repeat(-point) + digits;
		}
		if (point >= digits.length()) {
			return digits + "0".repeat(point - digits.length()) + ".0";
		}
		return digits.substring(0, point) + "." + digits.substring(point);
	}

	/**
	 * Python's {@code int(text)}, saturated to the long range (enough to compare with any
	 * bound): whitespace around, a sign, decimal digits of any script with single
	 * underscores between them; {@code null} when Python raises.
	 */
	static Long parseInt(String text) {
		String value = strip(text);
		int at = 0;
		boolean negative = false;
		if (at < value.length() && (value.charAt(at) == '+' || value.charAt(at) == '-')) {
			negative = value.charAt(at) == '-';
			at++;
		}
		long magnitude = 0;
		int digits = 0;
		boolean afterDigit = false;
		while (at < value.length()) {
			int c = value.codePointAt(at);
			at += Character.charCount(c);
			if (c == '_' && afterDigit && at < value.length() && digit(value.codePointAt(at)) >= 0) {
				afterDigit = false;
				continue;
			}
			int d = digit(c);
			if (d < 0) {
				return null;
			}
			digits++;
			afterDigit = true;
			magnitude = (magnitude > Long.MAX_VALUE / 20) ? Long.MAX_VALUE / 2 : magnitude * 10 + d;
		}
		if (digits == 0 || digits > MAX_INT_DIGITS) {
			return null;
		}
		return negative ? -magnitude : magnitude;
	}

	/**
	 * Python's {@code decimal.Decimal(text)} as DRF's {@code DecimalField} inspects it,
	 * or {@code null} when it raises or is not finite (DRF's "A valid number is
	 * required.").
	 */
	static DecimalText decimal(String text) {
		String value = strip(text).replace("_", "");
		int at = 0;
		int length = value.length();
		boolean negative = false;
		if (at < length && (value.charAt(at) == '+' || value.charAt(at) == '-')) {
			negative = value.charAt(at) == '-';
			at++;
		}
		StringBuilder coefficient = new StringBuilder();
		int wholeDigits = 0;
		int fractionDigits = 0;
		boolean point = false;
		while (at < length) {
			int c = value.codePointAt(at);
			if (c == '.' && !point) {
				point = true;
				at++;
				continue;
			}
			int d = digit(c);
			if (d < 0) {
				break;
			}
			at += Character.charCount(c);
			if (coefficient.length() > 0 || d != 0) {
				coefficient.append((char) ('0' + d));
			}
			if (point) {
				fractionDigits++;
			}
			else {
				wholeDigits++;
			}
		}
		if (wholeDigits + fractionDigits == 0) {
			// Infinity, NaN or not a number: all invalid for DRF.
			return null;
		}
		long exponent = 0;
		if (at < length) {
			char c = value.charAt(at++);
			if (c != 'e' && c != 'E') {
				return null;
			}
			boolean negativeExponent = false;
			if (at < length && (value.charAt(at) == '+' || value.charAt(at) == '-')) {
				negativeExponent = value.charAt(at) == '-';
				at++;
			}
			int exponentDigits = 0;
			while (at < length) {
				int c2 = value.codePointAt(at);
				int d = digit(c2);
				if (d < 0) {
					return null;
				}
				at += Character.charCount(c2);
				exponentDigits++;
				exponent = (exponent > (SATURATED - 9) / 10) ? SATURATED : exponent * 10 + d;
			}
			if (exponentDigits == 0) {
				return null;
			}
			exponent = negativeExponent ? -exponent : exponent;
		}
		exponent -= fractionDigits;
		String digits = (coefficient.length() == 0) ? "0" : coefficient.toString();
		// Read exactly or not at all: beyond these exponents Python raises.
		if (exponent < ETINY || exponent + digits.length() - 1 > EMAX) {
			return null;
		}
		return new DecimalText(negative, digits, exponent);
	}

	/**
	 * A finite {@code Decimal}: its sign, its coefficient's digits (no leading zero;
	 * {@code "0"} for zero) and its exponent, as {@code Decimal.as_tuple()} gives them.
	 */
	record DecimalText(boolean negative, String digits, long exponent) {

		/**
		 * The value; only for a coefficient and exponent already bounded by the caller.
		 */
		BigDecimal toBigDecimal() {
			if (this.digits.length() > 18 || Math.abs(this.exponent) > 18) {
				throw new IllegalStateException("unbounded decimal");
			}
			BigDecimal value = new BigDecimal(new BigInteger(this.digits), (int) -this.exponent);
			return this.negative ? value.negate() : value;
		}

	}

	/** The value of a decimal digit of any script (as Python reads them), or -1. */
	private static int digit(int codePoint) {
		if (codePoint >= '0' && codePoint <= '9') {
			return codePoint - '0';
		}
		return (Character.getType(codePoint) == Character.DECIMAL_DIGIT_NUMBER) ? Character.digit(codePoint, 10) : -1;
	}

	/** Python's {@code str.strip()}: Unicode whitespace on both ends. */
	static String strip(String text) {
		int start = 0;
		int end = text.length();
		while (start < end && isPythonSpace(text.charAt(start))) {
			start++;
		}
		while (end > start && isPythonSpace(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(start, end);
	}

	/** Python's {@code str.isspace()} for one character. */
	static boolean isPythonSpace(char c) {
		return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
	}

}
