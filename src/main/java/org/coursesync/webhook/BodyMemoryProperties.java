package org.coursesync.webhook;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code coursesync.body-memory.*}: how many bytes of sync bodies all requests together
 * may hold in memory, and how long a request waits for room before it gets 503.
 *
 * @param limit bytes of sync bodies held at once, all requests together
 * @param maxWait longest wait for room before answering 503 with {@code Retry-After}
 */
@Validated
@ConfigurationProperties("coursesync.body-memory")
record BodyMemoryProperties(@DefaultValue("32MB") @NotNull DataSize limit,
		@DefaultValue("2s") @NotNull Duration maxWait) {

	/** Largest limit: the budget counts bytes in an {@code int}. */
	static final DataSize MAX_LIMIT = DataSize.ofGigabytes(1);

}
