package org.coursesync.admin;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.coursesync.system.JsonField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of a course edit, a JSON merge patch: a key present is set, {@code null}
 * clears it (except the title), a key absent is left alone, an unknown key is an error.
 *
 * @param title the title; cannot be cleared
 * @param minEffort hours per week, at least
 * @param maxEffort hours per week, at most
 * @param pacingType {@code self_paced} or {@code instructor_paced}
 * @param weeksToComplete weeks
 * @param modularCredit credits
 * @param marketingUrl an absolute http or https URL
 * @param unknown keys the patch has that a course has not (an error)
 */
@Schema(name = "CoursePatch")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record CoursePatchRequest(@Schema(maxLength = 255, description = "cannot be cleared") JsonField<String> title,
		@Schema(nullable = true, minimum = "0", example = "2") JsonField<Integer> minEffort,
		@Schema(nullable = true, minimum = "0", example = "4") JsonField<Integer> maxEffort,
		@Schema(nullable = true, allowableValues = {
				"self_paced", "instructor_paced" }) JsonField<String> pacingType,
		@Schema(nullable = true, minimum = "0") JsonField<Integer> weeksToComplete,
		@Schema(nullable = true, minimum = "0") JsonField<Integer> modularCredit,
		@Schema(nullable = true, maxLength = 2048, format = "uri") JsonField<String> marketingUrl,
		@Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown){

	static final String EXAMPLE = "{\"min_effort\": 2, \"max_effort\": 4, \"pacing_type\": \"self_paced\"}";

}
