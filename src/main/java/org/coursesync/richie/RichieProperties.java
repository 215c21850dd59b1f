package org.coursesync.richie;

import java.time.ZoneId;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The payload rules' part of {@code coursesync.*}, validated at start-up: a wrong value
 * stops the application with a message naming its key.
 *
 * @param defaultPriceCurrency currency of new runs that do not send one
 * @param timeZone zone of datetimes sent without an offset
 * @param languages allowed language codes (normalized, lower case); unset means Django's
 * list, empty is refused
 */
@Validated
@ConfigurationProperties("coursesync")
public record RichieProperties(@DefaultValue("EUR") @NotBlank @Size(max = 7) String defaultPriceCurrency,
		@DefaultValue("UTC") @NotNull ZoneId timeZone,
		@NotEmpty(message = "must not be empty: every sync sending languages would be refused; "
				+ "leave it unset for Django's list") List<@Pattern(regexp = "[a-z]{2,3}(-[a-z0-9]+)*",
						message = "must be a lower-case language code such as 'fr' or 'pt-br'") String> languages) {

	public RichieProperties {
		if (languages == null) {
			languages = Languages.DJANGO_42;
		}
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
