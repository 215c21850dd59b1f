package org.coursesync.richie;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every accepted and rejected datetime example of docs/richie-compatibility.md ("Dates
 * and time zone").
 */
class RichieDateTimesTests {

	private static final ZoneId UTC = ZoneId.of("UTC");

	@ParameterizedTest
	@CsvSource({ "2020-12-09T09:31:59.417817Z,2020-12-09T09:31:59.417817Z",
			"2020-12-09T09:31:59+02:00,2020-12-09T07:31:59Z", "2020-12-09T09:31:59+0000,2020-12-09T09:31:59Z",
			"2020-12-09T09:31:59+02,2020-12-09T07:31:59Z", "2020-12-09 09:31,2020-12-09T09:31:00Z",
			"2020-12-09,2020-12-09T00:00:00Z", "20201209T093159Z,2020-12-09T09:31:59Z",
			"2020-W50-3,2020-12-09T00:00:00Z", "2020-12-09T09Z,2020-12-09T09:00:00Z",
			"2020-1-9T9:31:59Z,2020-01-09T09:31:59Z", "'2020-12-09T09:31:59,5Z',2020-12-09T09:31:59.500Z",
			"2020-12-09T09:31:59.123456789Z,2020-12-09T09:31:59.123456Z",
			"2024-03-01T00:00:00+00:00,2024-03-01T00:00:00Z" })
	void acceptsWhatDjangoAccepts(String text, String expected) {
		assertThat(RichieDateTimes.parse(text, UTC)).isEqualTo(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "tomorrow", "", "2020-12-09t09:31:59Z", "2020-12-09T09:31:59z", "2020-12-09T24:00:00",
			" 2020-12-09T09:31:59Z", "2020-12-09T09:31:59Z ", "2021-02-31T23:59:59Z", "2020-13-01T00:00:00Z" })
	void rejectsWhatDjangoRejects(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> RichieDateTimes.parse(text, UTC))
			.withMessage(RichieDateTimes.WRONG_FORMAT);
	}

	@Test
	void readsNaiveDatetimesInTheConfiguredZone() {
		assertThat(RichieDateTimes.parse("2020-12-09T09:31:59", ZoneId.of("Europe/Paris")))
			.isEqualTo(Instant.parse("2020-12-09T08:31:59Z"));
		assertThat(RichieDateTimes.parse("2020-12-09T09:31:59+01:00", ZoneId.of("America/New_York")))
			.isEqualTo(Instant.parse("2020-12-09T08:31:59Z"));
	}

	@Test
	void rejectsDatesOutOfRangeOnceInUtc() {
		assertThatIllegalArgumentException().isThrownBy(() -> RichieDateTimes.parse("0001-01-01T00:00:00+01:00", UTC))
			.withMessage(RichieDateTimes.OUT_OF_RANGE);
	}

}
