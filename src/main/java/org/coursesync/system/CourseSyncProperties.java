package org.coursesync.system;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.coursesync.courserun.SyncMode;
import org.coursesync.lms.LmsBackendProperties;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code coursesync.*}, validated at start-up: a wrong value stops the
 * application with a message naming its key.
 *
 * @param secrets shared secrets, any of which may sign a sync request (rotation order)
 * @param defaultSyncMode global fallback for LMS backends without their own default
 * @param defaultPriceCurrency currency of new runs that do not send one
 * @param timeZone zone of datetimes sent without an offset
 * @param maxBodySize largest accepted sync body (413 above it), 1B to 1GB
 * @param replayTolerance accepted clock skew of a signed {@code X-Coursesync-Timestamp},
 * at least 1s
 * @param requireTimestamp whether every sync request must carry a signed timestamp
 * @param languages allowed language codes (normalized, lower case); unset means Django's
 * list, empty is refused
 * @param lmsBackends LMS backends, first match wins
 * @param admin the admin login
 * @param catalogs read-API catalogs by name
 */
@Validated
@ConfigurationProperties("coursesync")
public record CourseSyncProperties(
		@DefaultValue List<@NotBlank(
				message = "must not be blank: a blank secret would let anyone sign") String> secrets,
		@DefaultValue("sync_to_public") @NotNull SyncMode defaultSyncMode,
		@DefaultValue("EUR") @NotBlank @Size(max = 7) String defaultPriceCurrency,
		@DefaultValue("UTC") @NotNull ZoneId timeZone,
		@DefaultValue("10MB") @NotNull @DataSizeRange(min = "1B", max = "1GB",
				message = "must be between 1B and 1GB (every body is held in memory)") DataSize maxBodySize,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1,
				message = "must be at least 1s: a shorter tolerance refuses every timestamped request") Duration replayTolerance,
		@DefaultValue("false") boolean requireTimestamp,
		@NotEmpty(message = "must not be empty: every sync sending languages would be refused; "
				+ "leave it unset for Django's list") List<@Pattern(regexp = "[a-z]{2,3}(-[a-z0-9]+)*",
						message = "must be a lower-case language code such as 'fr' or 'pt-br'") String> languages,
		@DefaultValue List<@Valid LmsBackendProperties> lmsBackends, @DefaultValue @Valid Admin admin,
		@DefaultValue Map<String, @Valid Catalog> catalogs) {

	public CourseSyncProperties {
		if (languages == null) {
			languages = Languages.DJANGO_42;
		}
	}

	/**
	 * The admin login (HTTP Basic). No default password outside the dev profile.
	 *
	 * @param username admin user name
	 * @param password admin password; start-up fails when it is blank
	 */
	public record Admin(@DefaultValue("admin") String username, String password) {
	}

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

	/** Default language lists. */
	public static final class Languages {

		/** Django 4.2's {@code LANGUAGES}: the 98 codes Richie accepts. */
		public static final List<String> DJANGO_42 = List
			.of(("af,ar,ar-dz,ast,az,be,bg,bn,br,bs,ca,ckb,cs,cy,da,de,dsb,el,en,en-au,"
					+ "en-gb,eo,es,es-ar,es-co,es-mx,es-ni,es-ve,et,eu,fa,fi,fr,fy,ga,gd,gl,he,hi,hr,hsb,hu,hy,ia,id,ig,"
					+ "io,is,it,ja,ka,kab,kk,km,kn,ko,ky,lb,lt,lv,mk,ml,mn,mr,ms,my,nb,ne,nl,nn,os,pa,pl,pt,pt-br,ro,ru,"
					+ "sk,sl,sq,sr,sr-latn,sv,sw,ta,te,tg,th,tk,tr,tt,udm,uk,ur,uz,vi,zh-hans,zh-hant")
				.split(","));

		private Languages() {
		}

	}

}
