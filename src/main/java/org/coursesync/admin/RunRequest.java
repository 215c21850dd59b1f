package org.coursesync.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.coursesync.system.JsonField;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of a run created or edited by hand (a JSON merge patch on edit): the sync
 * payload's fields, read by the sync endpoint's rules and messages, plus
 * {@code sync_mode}, {@code title} and {@code display_mode}. Creation needs
 * {@code languages}.
 */
@Schema(name = "RunEdit",
		description = "Run fields; a key absent is left alone, null clears it. "
				+ "A creation needs languages. Datetimes may also be sent as dates (2030-03-01) or without offset.")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record RunRequest(@Schema(maxLength = 200, nullable = true) JsonField<String> resourceLink,
		@Schema(nullable = true) JsonField<Instant> start, @Schema(nullable = true) JsonField<Instant> end,
		@Schema(nullable = true) JsonField<Instant> enrollmentStart,
		@Schema(nullable = true) JsonField<Instant> enrollmentEnd,
		@Schema(description = "language codes, e.g. [\"en\", \"fr\"]") JsonField<List<String>> languages,
		@Schema(minimum = "0") JsonField<Integer> enrollmentCount, @Schema(allowableValues = {
				"course_and_search", "course_only", "hidden" }, nullable = false) JsonField<String> catalogVisibility,
		@Schema(nullable = true, example = "59.99") JsonField<BigDecimal> price,
		@Schema(maxLength = 7) JsonField<String> priceCurrency,
		@Schema(allowableValues = { "free", "partially_free", "subscription", "paid" },
				nullable = true) JsonField<String> offer,
		@Schema(nullable = true, example = "59.99") JsonField<BigDecimal> certificatePrice,
		@Schema(allowableValues = { "free", "subscription", "paid" },
				nullable = true) JsonField<String> certificateOffer,
		@Schema(nullable = true, example = "59.99") JsonField<BigDecimal> discountedPrice,
		@Schema(maxLength = 20, nullable = true) JsonField<String> discount,
		@Schema(nullable = true, example = "59.99") JsonField<BigDecimal> certificateDiscountedPrice,
		@Schema(maxLength = 20, nullable = true) JsonField<String> certificateDiscount,
		@Schema(allowableValues = { "manual", "sync_to_draft", "sync_to_public" },
				nullable = false) JsonField<String> syncMode,
		@Schema(maxLength = 255, nullable = true) JsonField<String> title,
		@Schema(allowableValues = { "compact", "detailed" }) JsonField<String> displayMode,
		@Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown){

	static final String CREATE_EXAMPLE = "{\"title\": \"Spring 2031\", \"languages\": [\"en\"], "
			+ "\"resource_link\": \"https://localhost:18000/courses/course-v1:edX+DemoX+Spring_2031/info\", "
			+ "\"start\": \"2031-03-01T00:00:00Z\", \"enrollment_start\": \"2031-01-15T00:00:00Z\"}";

	static final String PATCH_EXAMPLE = "{\"title\": \"Spring 2031 (full)\", \"enrollment_count\": 42}";

	/**
	 * The keys sent, by wire name, with their JSON values ({@code NullNode} for null).
	 */
	Map<String, JsonNode> sent() {
		Map<String, JsonNode> sent = new LinkedHashMap<>();
		put(sent, "resource_link", this.resourceLink);
		put(sent, "start", this.start);
		put(sent, "end", this.end);
		put(sent, "enrollment_start", this.enrollmentStart);
		put(sent, "enrollment_end", this.enrollmentEnd);
		put(sent, "languages", this.languages);
		put(sent, "enrollment_count", this.enrollmentCount);
		put(sent, "catalog_visibility", this.catalogVisibility);
		put(sent, "price", this.price);
		put(sent, "price_currency", this.priceCurrency);
		put(sent, "offer", this.offer);
		put(sent, "certificate_price", this.certificatePrice);
		put(sent, "certificate_offer", this.certificateOffer);
		put(sent, "discounted_price", this.discountedPrice);
		put(sent, "discount", this.discount);
		put(sent, "certificate_discounted_price", this.certificateDiscountedPrice);
		put(sent, "certificate_discount", this.certificateDiscount);
		put(sent, "sync_mode", this.syncMode);
		put(sent, "title", this.title);
		put(sent, "display_mode", this.displayMode);
		return sent;
	}

	private static void put(Map<String, JsonNode> sent, String name, JsonField<?> field) {
		if (JsonField.isPresent(field)) {
			sent.put(name, JsonField.json(field));
		}
	}

}
