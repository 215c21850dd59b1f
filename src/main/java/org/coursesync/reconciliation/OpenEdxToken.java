package org.coursesync.reconciliation;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

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
 * and the client secret are never logged.
 */
class OpenEdxToken {

	/** Open edX's answer names its token type {@code JWT}. */
	static final OAuth2AccessToken.TokenType JWT = new OAuth2AccessToken.TokenType("JWT");

	private static final String PRINCIPAL = "coursesync-reconciliation";

	private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;

	private final String registrationId;

	OpenEdxToken(Target target, RestClient.Builder restClient, Clock clock) {
		this.registrationId = "openedx-" + target.lms().index();
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
	 * The value of the {@code Authorization} header: {@code JWT <token>}, a new token
	 * only when the last one expired (or will within a minute).
	 */
	String authorization() {
		OAuth2AuthorizedClient client = this.manager.authorize(
				OAuth2AuthorizeRequest.withClientRegistrationId(this.registrationId).principal(PRINCIPAL).build());
		if (client == null) {
			throw new IllegalStateException("the token endpoint gave no token");
		}
		return "JWT " + client.getAccessToken().getTokenValue();
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
