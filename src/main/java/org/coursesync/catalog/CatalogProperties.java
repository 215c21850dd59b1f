package org.coursesync.catalog;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The read API's part of {@code coursesync.*}, validated at start-up: a wrong value stops
 * the application with a message naming its key.
 *
 * @param catalogs read-API catalogs by name
 */
@Validated
@ConfigurationProperties("coursesync")
public record CatalogProperties(@DefaultValue Map<String, @Valid Catalog> catalogs) {

	/**
	 * A catalog of the read API.
	 *
	 * @param subscriptionKeys keys accepted in {@code Ocp-Apim-Subscription-Key}
	 * @param lmsBackends base URLs of the LMS backends whose runs it lists; empty means
	 * all
	 */
	public record Catalog(@DefaultValue @NotEmpty(
			message = "must not be empty: nobody could read this catalog; remove the catalog instead") List<@NotBlank(
					message = "must not be blank: no request can send a blank key") String> subscriptionKeys,
			@DefaultValue List<@NotBlank String> lmsBackends) {
	}

}
