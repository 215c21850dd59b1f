package org.coursesync.webhook;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.coursesync.system.DataSizeRange;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The signature gate's part of {@code coursesync.*}, validated at start-up: a wrong value
 * stops the application with a message naming its key.
 *
 * @param secrets shared secrets, any of which may sign a sync request (rotation order)
 * @param maxBodySize largest accepted sync body (413 above it), 1B to 1GB
 * @param replayTolerance accepted clock skew of a signed {@code X-Coursesync-Timestamp},
 * at least 1s
 * @param requireTimestamp whether every sync request must carry a signed timestamp
 * @param rejectionLogInterval the log names a refused sync request at most once per this
 * interval for each reason and sender address, at least 1s
 */
@Validated
@ConfigurationProperties("coursesync")
public record WebhookProperties(
		@DefaultValue List<@NotBlank(
				message = "must not be blank: a blank secret would let anyone sign") String> secrets,
		@DefaultValue("10MB") @NotNull @DataSizeRange(min = "1B", max = "1GB",
				message = "must be between 1B and 1GB (every body is held in memory)") DataSize maxBodySize,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1,
				message = "must be at least 1s: a shorter tolerance refuses every timestamped request") Duration replayTolerance,
		@DefaultValue("false") boolean requireTimestamp, @DefaultValue("1m") @NotNull @DurationMin(seconds = 1,
				message = "must be at least 1s") Duration rejectionLogInterval) {

}
