package org.coursesync.system;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InstantsTests {

	@Test
	void readsAnInstant() {
		assertThat(Instants.parse("2030-01-01T10:15:30Z")).isEqualTo(Instant.parse("2030-01-01T10:15:30Z"));
	}

	@Test
	void readsADateAsItsMidnightUtc() {
		assertThat(Instants.parse("2030-01-01")).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
	}

	@Test
	void refusesAnythingElse() {
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> Instants.parse("yesterday"));
		assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> Instants.parse("2030-01-01T10:15"));
	}

}
