package org.coursesync.richie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python's readings of numbers; the expected values were printed by CPython 3.11.
 */
class PythonNumbersTests {

	@ParameterizedTest
	@CsvSource({ "59.99, 59.99", "100.0, 100.0", "1e16, 1e+16", "1e15, 1000000000000000.0", "0.0001, 0.0001",
			"0.00001, 1e-05", "5e-324, 5e-324", "4.9e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308",
			"2e23, 2e+23", "1e23, 1e+23", "2.82879384806159e17, 2.82879384806159e+17", "8.41e21, 8.41e+21",
			"1.5e-9, 1.5e-09", "12345678.9, 12345678.9", "-0.0, -0.0", "0.0, 0.0", "-2.5e-300, -2.5e-300",
			"Infinity, inf", "-Infinity, -inf", "NaN, nan" })
	void printsFloatsAsPythonsRepr(double value, String repr) {
		assertThat(PythonNumbers.repr(value)).isEqualTo(repr);
	}

	@Test
	void readsIntegerStringsAsPythonsInt() {
		assertThat(PythonNumbers.parseInt(" +12 ")).isEqualTo(12L);
		assertThat(PythonNumbers.parseInt("1_000")).isEqualTo(1000L);
		assertThat(PythonNumbers.parseInt("\u0663\u0664")).isEqualTo(34L);
		assertThat(PythonNumbers.parseInt("-0")).isZero();
		assertThat(PythonNumbers.parseInt("9".repeat(4300))).isEqualTo(Long.MAX_VALUE / 2);
		assertThat(PythonNumbers.parseInt("9".repeat(4301))).isNull();
		assertThat(PythonNumbers.parseInt("1__0")).isNull();
		assertThat(PythonNumbers.parseInt("_1")).isNull();
		assertThat(PythonNumbers.parseInt("1e5")).isNull();
		assertThat(PythonNumbers.parseInt("")).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "none",
			value = { "59.99|false|5999|-2", "  -0012.50 |true|1250|-2", "0.00|false|0|-2", "0e5|false|0|5",
					"1_000|false|1000|0", "1E+3|false|1|3", ".5|false|5|-1", "5.|false|5|0",
					"1e999999999|false|1|999999999", "1e-999999999999999999|false|1|-999999999999999999",
					"1e999999999999999999|false|1|999999999999999999", "1e1000000000000000000|none|none|none",
					"0e1000000000000000000|none|none|none", "1e-1999999999999999997|false|1|-1999999999999999997",
					"1e-1999999999999999998|none|none|none", "1e99999999999999999999999999|none|none|none",
					"Infinity|none|none|none", "nan|none|none|none", "1.2.3|none|none|none", "e5|none|none|none",
					"1e|none|none|none", "1 2|none|none|none" })
	void readsDecimalStringsAsPythonsDecimal(String text, Boolean negative, String digits, Long exponent) {
		PythonNumbers.DecimalText value = PythonNumbers.decimal(text);
		if (negative == null) {
			assertThat(value).isNull();
		}
		else {
			assertThat(value).isEqualTo(new PythonNumbers.DecimalText(negative, digits, exponent));
		}
	}

}
