package org.coursesync.course;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A run as the admin API shows it: every stored field, with the sync payload's names.
 * Prices are strings ({@code "59.99"}) so that no client rounds them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunView(UUID id, @JsonInclude(JsonInclude.Include.NON_NULL) UUID draftRunId,
		@Schema(nullable = true) String resourceLink, @Schema(nullable = true) String lmsBackend, String syncMode,
		@Schema(nullable = true) String title, String displayMode, @Schema(nullable = true) Instant start,
		@Schema(nullable = true) Instant end, @Schema(nullable = true) Instant enrollmentStart,
		@Schema(nullable = true) Instant enrollmentEnd, List<String> languages, int enrollmentCount,
		String catalogVisibility, @Schema(nullable = true) String price, String priceCurrency,
		@Schema(nullable = true) String offer, @Schema(nullable = true) String certificatePrice,
		@Schema(nullable = true) String certificateOffer, @Schema(nullable = true) String discountedPrice,
		@Schema(nullable = true) String discount, @Schema(nullable = true) String certificateDiscountedPrice,
		@Schema(nullable = true) String certificateDiscount, Instant createdAt, Instant updatedAt) {

	/** The view of a draft run or of a public copy. */
	public static RunView of(RunData run) {
		UUID draftId = (run instanceof PublicCourseRun copy) ? copy.getDraftRunId() : null;
		return new RunView(run.getId(), draftId, run.getResourceLink(), run.getLmsBackend(),
				run.getSyncMode().wireName(), run.getTitle(), run.getDisplayMode(), run.getStart(), run.getEnd(),
				run.getEnrollmentStart(), run.getEnrollmentEnd(), run.getLanguages(), run.getEnrollmentCount(),
				run.getCatalogVisibility(), money(run.get(RunField.PRICE)), run.getPriceCurrency(), run.getOffer(),
				money(run.get(RunField.CERTIFICATE_PRICE)), run.getCertificateOffer(),
				money(run.get(RunField.DISCOUNTED_PRICE)), (String) run.get(RunField.DISCOUNT),
				money(run.get(RunField.CERTIFICATE_DISCOUNTED_PRICE)), (String) run.get(RunField.CERTIFICATE_DISCOUNT),
				run.getCreatedAt(), run.getUpdatedAt());
	}

	private static String money(Object value) {
		return (value instanceof BigDecimal decimal) ? decimal.toPlainString() : null;
	}

}
