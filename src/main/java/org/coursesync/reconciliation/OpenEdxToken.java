package org.coursesync.reconciliation;

import java.text.ParseException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;

import org.springframework.core.convert.converter.Converter;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.DefaultMapOAuth2AccessTokenResponseConverter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * The client-credentials token of one Open edX backend, from Spring Security's OAuth2
 * client: asked with {@code token_type=jwt}, kept and reused until it expires. The token
 * and the client secret are never logged. Its claims tell whether the Course API lists
 * every course for the service user (see {@link Grant#seesEverything()}).
 */
class OpenEdxToken {

	/** Open edX's answer names its token type {@code JWT}. */
	static final OAuth2AccessToken.TokenType JWT = new OAuth2AccessToken.TokenType("JWT");

	private static final String PRINCIPAL = "coursesync-reconciliation";

	private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private final String registrationId;

	private final String username;

	/** The last token read, and what its claims said. */
	private volatile Grant last;

	OpenEdxToken(Target target, RestClient.Builder restClient, Clock clock) {
		this.registrationId = "openedx-" + target.lms().index();
		this.username = target.username();
		ClientRegistration registration = ClientRegistration.withRegistrationId(this.registrationId)
			.clientId(target.clientId())
			.clientSecret(target.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(target.tokenUrl().toString())
			.build();
		OAuth2AccessTokenResponseHttpMessageConverter tokenConverter = new OAuth2AccessTokenResponseHttpMessageConverter();
		tokenConverter.setAccessTokenResponseConverter(new JwtTokenResponseConverter());
		RestClientClientCredentialsTokenResponseClient tokens = new RestClientClientCredentialsTokenResponseClient();
		tokens.setRestClient(restClient.configureMessageConverters((converters) -> {
			converters.addCustomConverter(new FormHttpMessageConverter());
			converters.addCustomConverter(tokenConverter);
		}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
		tokens.setParametersCustomizer((parameters) -> parameters.set("token_type", "jwt"));
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokens);
		provider.setClock(clock);
		InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
		this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
				new InMemoryOAuth2AuthorizedClientService(registrations));
		this.manager.setAuthorizedClientProvider(provider);
	}

	/**
	 * The value of the {@code Authorization} header, {@code JWT <token>}, with what the
	 * token says of its user; a new token only when the last one expired (or will within
	 * a minute).
	 */
	Grant grant() {
		OAuth2AuthorizedClient client = this.manager.authorize(
				OAuth2AuthorizeRequest.withClientRegistrationId(this.registrationId).principal(PRINCIPAL).build());
		if (client == null) {
			throw new IllegalStateException("the token endpoint gave no token");
		}
		String token = client.getAccessToken().getTokenValue();
		Grant grant = this.last;
		if (grant == null || !grant.authorization().equals("JWT " + token)) {
			grant = new Grant("JWT " + token, seesEverything(token));
			this.last = grant;
		}
		return grant;
	}

	/**
	 * Whether the Course API lists every course to this token: Open edX lists what the
	 * user named by {@code username} may see, all of it only for global staff. Its JWT
	 * names the token's user ({@code preferred_username}) and, with the {@code profile}
	 * scope, whether that user is global staff ({@code administrator}). Anything else (a
	 * non-staff user, another user than {@code username} whose role the token does not
	 * say, a claim missing, a token that is not a readable JWT) may list fewer courses.
	 * The signature is not checked: the token comes straight from the configured token
	 * endpoint, and the answer only decides whether the report trusts the listing to be
	 * complete.
	 */
	private boolean seesEverything(String token) {
		try {
			JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
			return claims != null && this.username.equals(claims.getStringClaim("preferred_username"))
					&& Boolean.TRUE.equals(claims.getBooleanClaim("administrator"));
		}
		catch (ParseException ex) {
			return false;
		}
	}

	/**
	 * A token as sent, and whether the Course API lists every course to it.
	 *
	 * @param authorization the {@code Authorization} header's value (never logged)
	 * @param seesEverything whether the token's user is the service user and global staff
	 */
	record Grant(String authorization, boolean seesEverything) {

		@Override
		public String toString() {
			return "Grant[seesEverything=" + this.seesEverything + "]";
		}

	}

	/**
	 * Spring Security's converter, taught Open edX's {@code "token_type": "JWT"} (it
	 * knows only Bearer and DPoP and refuses the rest).
	 */
	static final class JwtTokenResponseConverter implements Converter<Map<String, Object>, OAuth2AccessTokenResponse> {

		private final DefaultMapOAuth2AccessTokenResponseConverter delegate = new DefaultMapOAuth2AccessTokenResponseConverter();

		@Override
		public OAuth2AccessTokenResponse convert(Map<String, Object> source) {
			Object type = source.get("token_type");
			if (type instanceof String name && JWT.getValue().equalsIgnoreCase(name)) {
				Map<String, Object> asBearer = new HashMap<>(source);
				asBearer.put("token_type", OAuth2AccessToken.TokenType.BEARER.getValue());
				return OAuth2AccessTokenResponse.withResponse(this.delegate.convert(asBearer)).tokenType(JWT).build();
			}
			return this.delegate.convert(source);
		}

	}

}
