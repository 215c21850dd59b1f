package org.coursesync.lms;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.coursesync.course.SyncMode;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The LMS backends' part of {@code coursesync.*}, validated at start-up: a wrong value
 * stops the application with a message naming its key.
 *
 * @param defaultSyncMode global fallback for LMS backends without their own default
 * @param lmsBackends LMS backends, first match wins
 */
@Validated
@ConfigurationProperties("coursesync")
public record LmsProperties(@DefaultValue("sync_to_public") @NotNull SyncMode defaultSyncMode,
		@DefaultValue List<@Valid LmsBackendProperties> lmsBackends) {

}
