package org.coursesync.lms;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

import org.coursesync.course.RunField;
import org.coursesync.course.SyncMode;

import org.springframework.stereotype.Component;

/**
 * The configured LMS backends, checked at start-up; selects the first whose regex matches
 * a resource link, as Richie's {@code LMSHandler.select_lms}.
 */
@Component
public class LmsRegistry {

	private final List<LmsBackend> backends;

	public LmsRegistry(LmsProperties properties) {
		List<LmsBackend> list = new ArrayList<>();
		List<LmsBackendProperties> configured = properties.lmsBackends();
		for (int i = 0; i < configured.size(); i++) {
			list.add(build(i, configured.get(i), properties.defaultSyncMode()));
		}
		this.backends = List.copyOf(list);
	}

	private static LmsBackend build(int index, LmsBackendProperties config, SyncMode globalDefault) {
		String key = "coursesync.lms-backends[" + index + "]";
		LmsKind kind = LmsKind.fromConfig(config.backend())
			.orElseThrow(() -> new IllegalStateException(key + ".backend: unknown backend '" + config.backend()
					+ "'; use openedx, joanie or base (or Richie's dotted class name)"));
		PythonRegex regex;
		try {
			regex = PythonRegex.compile(config.courseRegex());
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalStateException(key + ".course-regex: does not compile: " + ex.getDescription(), ex);
		}
		if (kind == LmsKind.OPENEDX && !regex.hasGroup("course_id")) {
			throw new IllegalStateException(
					key + ".course-regex: an openedx backend needs a named group course_id, e.g. (?P<course_id>.+)");
		}
		Set<RunField> noUpdate = EnumSet.noneOf(RunField.class);
		for (String name : config.courseRunSyncNoUpdateFields()) {
			noUpdate.add(RunField.fromJsonName(name)
				.orElseThrow(() -> new IllegalStateException(key + ".course-run-sync-no-update-fields: unknown field '"
						+ name + "'; use sync payload names such as languages or start")));
		}
		SyncMode mode = (config.defaultCourseRunSyncMode() != null) ? config.defaultCourseRunSyncMode() : globalDefault;
		return new LmsBackend(index, stripSlash(config.baseUrl()), kind, regex, mode, Set.copyOf(noUpdate));
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/** The first backend whose regex matches {@code link}. */
	public Optional<LmsBackend> select(String link) {
		if (link == null) {
			return Optional.empty();
		}
		for (LmsBackend backend : this.backends) {
			if (backend.matches(link)) {
				return Optional.of(backend);
			}
		}
		return Optional.empty();
	}

	/** Every backend, in configuration order. */
	public List<LmsBackend> backends() {
		return this.backends;
	}

}
