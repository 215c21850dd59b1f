package org.coursesync.reconciliation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsKind;
import org.coursesync.lms.LmsRegistry;

import org.springframework.stereotype.Component;

/**
 * The openedx backends that can be reconciled, checked at start-up: a wrong value stops
 * the application with a message naming its key. Base URLs of all backends are unique
 * (they identify a backend in reports, history and leases).
 */
@Component
class ReconciliationTargets {

	private final Map<String, Target> targets;

	private final Map<String, LmsBackend> backends;

	ReconciliationTargets(ReconciliationProperties properties, LmsRegistry registry) {
		Map<String, Target> built = new LinkedHashMap<>();
		Map<String, LmsBackend> all = new HashMap<>();
		List<LmsBackend> configured = registry.backends();
		for (LmsBackend lms : configured) {
			String key = "coursesync.lms-backends[" + lms.index() + "]";
			LmsBackend before = all.putIfAbsent(lms.baseUrl(), lms);
			if (before != null) {
				throw new IllegalStateException(key + ".base-url: '" + lms.baseUrl()
						+ "' is already the base URL of coursesync.lms-backends[" + before.index() + "]");
			}
			ReconciliationProperties.Reconciliation config = reconciliation(properties, lms.index());
			if (lms.kind() != LmsKind.OPENEDX) {
				if (config != null) {
					throw new IllegalStateException(key + ".reconciliation: only an openedx backend can be reconciled");
				}
				continue;
			}
			built.put(lms.baseUrl(), build(key + ".reconciliation", lms, config));
		}
		this.targets = Map.copyOf(built);
		this.backends = Map.copyOf(all);
	}

	private static ReconciliationProperties.Reconciliation reconciliation(ReconciliationProperties properties,
			int index) {
		List<ReconciliationProperties.Backend> list = properties.lmsBackends();
		return (index < list.size()) ? list.get(index).reconciliation() : null;
	}

	private static Target build(String key, LmsBackend lms, ReconciliationProperties.Reconciliation config) {
		if (config == null) {
			config = new ReconciliationProperties.Reconciliation(false, Duration.ofHours(1), null, null, null, null,
					null, 100, Duration.ofMinutes(30));
		}
		if (config.pageSize() < 1 || config.pageSize() > 100) {
			throw new IllegalStateException(key + ".page-size: must be between 1 and 100 (the Course API's maximum)");
		}
		positive(key + ".interval", config.interval());
		positive(key + ".deadline", config.deadline());
		URI api = url(key + ".course-api-url", config.courseApiUrl(), lms.baseUrl() + "/api/courses/v1/courses/");
		URI token = url(key + ".token-url", config.tokenUrl(), lms.baseUrl() + "/oauth2/access_token");
		String clientId = blankToNull(config.clientId());
		if (clientId != null && blankToNull(config.clientSecret()) == null) {
			throw new IllegalStateException(key + ".client-secret: must be set when client-id is set");
		}
		if (clientId != null && blankToNull(config.username()) == null) {
			throw new IllegalStateException(key
					+ ".username: must be set when client-id is set (Open edX refuses authenticated calls without it)");
		}
		return new Target(lms, config.enabled(), config.interval(), api, token, clientId, config.clientSecret(),
				blankToNull(config.username()), config.pageSize(), config.deadline());
	}

	private static void positive(String key, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalStateException(key + ": must be a positive duration such as 1h or 30m");
		}
	}

	private static URI url(String key, String value, String fallback) {
		String text = (blankToNull(value) != null) ? value.strip() : fallback;
		try {
			URI uri = new URI(text);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new IllegalStateException(key + ": must be an http or https URL");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(key + ": not a valid URL (" + ex.getReason() + ")");
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** The target of {@code baseUrl}, if it is an openedx backend. */
	Optional<Target> find(String baseUrl) {
		return Optional.ofNullable(this.targets.get(baseUrl));
	}

	/** Whether {@code baseUrl} is any configured backend. */
	boolean isBackend(String baseUrl) {
		return this.backends.containsKey(baseUrl);
	}

	/** Every openedx backend. */
	List<Target> all() {
		return List.copyOf(this.targets.values());
	}

}
