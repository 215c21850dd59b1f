package org.coursesync.course;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run fields are found by their exact wire name; any other name finds none.
 */
class RunFieldTests {

	@Test
	void findsEveryFieldByItsWireName() {
		for (RunField field : RunField.values()) {
			assertThat(RunField.fromJsonName(field.jsonName())).contains(field);
		}
		assertThat(RunField.fromJsonName("start")).contains(RunField.START);
		assertThat(RunField.fromJsonName("certificate_discounted_price"))
			.contains(RunField.CERTIFICATE_DISCOUNTED_PRICE);
	}

	@Test
	void findsNoFieldForAnotherName() {
		assertThat(RunField.fromJsonName("nope")).isEmpty();
		assertThat(RunField.fromJsonName("")).isEmpty();
		assertThat(RunField.fromJsonName(null)).isEmpty();
		// The column and the enum constant's name are not wire names.
		assertThat(RunField.fromJsonName("start_at")).isEmpty();
		assertThat(RunField.fromJsonName("START")).isEmpty();
		assertThat(RunField.fromJsonName("Languages")).isEmpty();
		assertThat(RunField.fromJsonName(" languages")).isEmpty();
	}

}
