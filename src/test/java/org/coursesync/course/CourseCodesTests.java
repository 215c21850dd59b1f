package org.coursesync.course;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Richie's course-code normalization, with every example of docs/richie-compatibility.md
 * ("Course code normalization").
 */
class CourseCodesTests {

	@ParameterizedTest
	@CsvSource({ "DemoX,DEMOX", "Demo X,DEMO-X", "a_b,A_B", "a.b,AB", "a+b,AB", "démo,DÉMO", "ß,SS", "ﬁx,FIX", "Ⅻ,XII",
			"x²,X2", "İ,I", "--x--,X", "_x_,X", "E2E-101,E2E-101", "'  a   b  ',A-B" })
	void normalizesLikeRichie(String raw, String expected) {
		assertThat(CourseCodes.normalize(raw)).isEqualTo(expected);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "!!!", "---", "+" })
	void givesNoCodeWhenNothingIsLeft(String raw) {
		assertThat(CourseCodes.normalize(raw)).isNull();
	}

}
