package org.coursesync.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.coursesync.CourseSyncApplication;
import org.coursesync.catalog.CatalogProperties;
import org.coursesync.lms.LmsProperties;
import org.coursesync.richie.RichieProperties;
import org.coursesync.webhook.WebhookProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A wrong configuration stops the start-up with a message naming its key; the edge values
 * that still make sense start.
 */
class ConfigurationStartupTests {

	/** Binds and validates {@code coursesync.*} alone: fast enough for every case. */
	private final ApplicationContextRunner binding = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesOnly.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ WebhookProperties.class, RichieProperties.class, LmsProperties.class,
			CatalogProperties.class, AdminProperties.class })
	static class PropertiesOnly {

	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "coursesync.default-sync-mode=sometimes|coursesync.default-sync-mode",
			"coursesync.lms-backends[0].course-regex=(|coursesync.lms-backends[0].course-regex",
			"coursesync.lms-backends[0].course-regex=^https://x/(?P<id>.+)|coursesync.lms-backends[0].course-regex",
			"coursesync.lms-backends[0].default-course-run-sync-mode=auto|coursesync.lms-backends[0].default-course-run-sync-mode",
			"coursesync.secrets[0]=|coursesync.secrets[0]", "coursesync.time-zone=Mars/Olympus|coursesync.time-zone",
			"coursesync.admin.password=|coursesync.admin.password",
			"coursesync.max-body-size=-1MB|coursesync.max-body-size" })
	void failsNamingTheKey(String property, String key) {
		assertThatException().isThrownBy(() -> start(property))
			.satisfies((ex) -> assertThat(messages(ex)).contains(key));
	}

	static Stream<Arguments> refusedValues() {
		return Stream.of(Arguments.of("coursesync.max-body-size", "-1MB", "coursesync.max-body-size"),
				Arguments.of("coursesync.max-body-size", "-1", "coursesync.max-body-size"),
				Arguments.of("coursesync.max-body-size", "0", "coursesync.max-body-size"),
				Arguments.of("coursesync.max-body-size", "1025MB", "coursesync.max-body-size"),
				Arguments.of("coursesync.secrets[0]", "   ", "coursesync.secrets[0]"),
				Arguments.of("coursesync.secrets[1]", "\t", "coursesync.secrets[1]"),
				Arguments.of("coursesync.replay-tolerance", "-5m", "coursesync.replay-tolerance"),
				Arguments.of("coursesync.replay-tolerance", "0s", "coursesync.replay-tolerance"),
				Arguments.of("coursesync.replay-tolerance", "999ms", "coursesync.replay-tolerance"),
				Arguments.of("coursesync.languages", "", "coursesync.languages"),
				Arguments.of("coursesync.languages[0]", "EN", "coursesync.languages[0]"),
				Arguments.of("coursesync.default-price-currency", "  ", "coursesync.default-price-currency"),
				Arguments.of("coursesync.default-price-currency", "EUROPEAN", "coursesync.default-price-currency"),
				Arguments.of("coursesync.time-zone", "+25:00", "coursesync.time-zone"),
				Arguments.of("coursesync.time-zone", "UTC-99", "coursesync.time-zone"),
				// Inside a map or a list Boot names the value by its path.
				Arguments.of("coursesync.catalogs.main.subscription-keys", "", "catalogs[main].subscriptionKeys"),
				Arguments.of("coursesync.catalogs.main.lms-backends[0]", "https://x",
						"catalogs[main].subscriptionKeys"),
				Arguments.of("coursesync.catalogs.main.subscription-keys[0]", " ",
						"catalogs[main].subscriptionKeys[0]"),
				Arguments.of("coursesync.lms-backends[0].base-url", " ", "lmsBackends[0].baseUrl"),
				Arguments.of("coursesync.admin.users[0].role", "superuser", "coursesync.admin.users[0].role"));
	}

	@ParameterizedTest
	@MethodSource("refusedValues")
	void refusesNamingTheKey(String key, String value, String named) {
		bind(Map.of(key, value)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(named);
		});
	}

	/**
	 * Binds {@code values} (whitespace kept, as YAML and the environment keep it) over a
	 * minimal valid configuration.
	 */
	private ApplicationContextRunner bind(Map<String, String> values) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("coursesync.secrets[0]", "s");
		all.put("coursesync.lms-backends[0].base-url", "https://x");
		all.putAll(values);
		return this.binding.withInitializer((
				context) -> context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", all)));
	}

	@Test
	void acceptsTheEdgeValues() {
		bind(Map.of("coursesync.max-body-size", "1B", "coursesync.replay-tolerance", "1s", "coursesync.secrets[0]",
				" spaced secret ", "coursesync.languages[0]", "en", "coursesync.catalogs.main.subscription-keys[0]",
				"k", "coursesync.time-zone", "-18:00"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				WebhookProperties webhook = context.getBean(WebhookProperties.class);
				assertThat(webhook.maxBodySize()).isEqualTo(DataSize.ofBytes(1));
				assertThat(webhook.replayTolerance()).isEqualTo(Duration.ofSeconds(1));
				assertThat(context.getBean(RichieProperties.class).languages()).containsExactly("en");
				assertThat(webhook.secrets()).containsExactly(" spaced secret ");
				assertThat(context.getBean(CatalogProperties.class).catalogs().get("main").subscriptionKeys())
					.containsExactly("k");
			});
		bind(Map.of("coursesync.max-body-size", "1GB", "coursesync.replay-tolerance", "3650d"))
			.run((context) -> assertThat(context).hasNotFailed());
		// Unset: Django's list.
		bind(Map.of()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(RichieProperties.class).languages())
				.isEqualTo(RichieProperties.Languages.DJANGO_42);
		});
	}

	@Test
	void startsWithEdgeValues() {
		assertThatNoException().isThrownBy(() -> start("coursesync.max-body-size=1B", "coursesync.replay-tolerance=1s",
				"coursesync.languages[0]=en", "coursesync.catalogs.main.subscription-keys[0]=k",
				"coursesync.admin.password={noop}x"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "admin|{noop}|coursesync.admin.password", "admin|'{noop}   '|coursesync.admin.password",
					"admin|{bcrypt}|coursesync.admin.password", "admin|{bcrypt}not-a-hash|coursesync.admin.password",
					"admin|{nothing}secret|coursesync.admin.password", "admin|{mypass|coursesync.admin.password",
					"ad:min|secret|coursesync.admin.username" })
	void refusesAnAdminLoginThatCannotWork(String username, String password, String key) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		this.binding
			.withPropertyValues("coursesync.admin.username=" + username, "coursesync.admin.password=" + password)
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> new AdminUsers().users(context.getBean(AdminProperties.class), encoder))
				.withMessageStartingWith(key)
				.withMessageNotContaining("secret")
				.withMessageNotContaining("nothing")
				.withMessageNotContaining("mypass"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "{noop}x",
			"{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG", "plain", "'  spaced  '" })
	void acceptsAWorkingAdminLogin(String password) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		bind(Map.of("coursesync.admin.password", password))
			.run((context) -> assertThat(new AdminUsers().users(context.getBean(AdminProperties.class), encoder)
				.loadUserByUsername("admin")
				.getAuthorities()).hasSize(1));
	}

	@Test
	void logsInEveryConfiguredUserWithTheirRole() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		this.binding
			.withPropertyValues("coursesync.admin.password=x", "coursesync.admin.users[0].username=vera",
					"coursesync.admin.users[0].password={noop}v", "coursesync.admin.users[0].role=viewer",
					"coursesync.admin.users[1].username=ed", "coursesync.admin.users[1].password=e",
					"coursesync.admin.users[1].role=EDITOR")
			.run((context) -> {
				UserDetailsService users = new AdminUsers().users(context.getBean(AdminProperties.class), encoder);
				assertThat(authorities(users.loadUserByUsername("admin"))).containsExactly("ROLE_ADMIN");
				assertThat(authorities(users.loadUserByUsername("vera"))).containsExactly("ROLE_VIEWER");
				assertThat(authorities(users.loadUserByUsername("ed"))).containsExactly("ROLE_EDITOR");
				assertThat(encoder.matches("e", users.loadUserByUsername("ed").getPassword())).isTrue();
			});
	}

	@Test
	void anAdminFromTheUsersListIsEnough() {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		this.binding
			.withPropertyValues("coursesync.admin.users[0].username=alice",
					"coursesync.admin.users[0].password={noop}a", "coursesync.admin.users[0].role=admin")
			.run((context) -> {
				UserDetailsService users = new AdminUsers().users(context.getBean(AdminProperties.class), encoder);
				assertThat(authorities(users.loadUserByUsername("alice"))).containsExactly("ROLE_ADMIN");
				// The older pair counts only when its password is set.
				assertThatException().isThrownBy(() -> users.loadUserByUsername("admin"));
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			// Nobody is an admin.
			"|vera|v|viewer||||coursesync.admin.password is not set and no coursesync.admin.users entry has the role admin",
			// The older admin's name again, in another letter case.
			"x|Admin|v|viewer||||coursesync.admin.users[0].username: 'Admin' is already the user name of coursesync.admin.username",
			"x|ed|e|editor|ED|f|admin|coursesync.admin.users[1].username: 'ED' is already the user name of coursesync.admin.users[0].username",
			"x|ed|e|||||coursesync.admin.users[0].role is not set",
			"x|ed||editor||||coursesync.admin.users[0].password",
			"x|ed|{bcrypt}not-a-hash-secret|editor||||coursesync.admin.users[0].password",
			"x|e:d|e|editor||||coursesync.admin.users[0].username contains ':'",
			"x| |e|editor||||coursesync.admin.users[0].username is blank" })
	void refusesUsersThatCannotWork(String adminPassword, String name0, String password0, String role0, String name1,
			String password1, String role1, String message) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		Map<String, String> values = new LinkedHashMap<>();
		put(values, "coursesync.admin.password", adminPassword);
		put(values, "coursesync.admin.users[0].username", name0);
		put(values, "coursesync.admin.users[0].password", password0);
		put(values, "coursesync.admin.users[0].role", role0);
		put(values, "coursesync.admin.users[1].username", name1);
		put(values, "coursesync.admin.users[1].password", password1);
		put(values, "coursesync.admin.users[1].role", role1);
		bind(values).run((context) -> assertThatIllegalStateException()
			.isThrownBy(() -> new AdminUsers().users(context.getBean(AdminProperties.class), encoder))
			.withMessageStartingWith(message)
			.withMessageNotContaining("secret"));
	}

	private static void put(Map<String, String> values, String key, String value) {
		if (value != null) {
			values.put(key, value);
		}
	}

	private static List<String> authorities(UserDetails user) {
		return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static void start(String... properties) {
		Map<String, String> args = new LinkedHashMap<>();
		args.put("coursesync.lms-backends[0].base-url", "https://x");
		args.put("coursesync.lms-backends[0].course-regex", "^https://x/(?P<course_id>.+)");
		args.put("coursesync.admin.password", "x");
		for (String property : properties) {
			int equals = property.indexOf('=');
			args.put(property.substring(0, equals), property.substring(equals + 1));
		}
		new SpringApplicationBuilder(CourseSyncApplication.class).web(WebApplicationType.SERVLET)
			.properties("spring.datasource.url=jdbc:h2:mem:startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
					"spring.main.banner-mode=off", "server.port=0", "logging.level.root=OFF")
			.run(args.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))
			.close();
	}

	private static String messages(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable t = ex; t != null; t = t.getCause()) {
			all.append(t.getMessage()).append('\n');
		}
		return all.toString();
	}

}
