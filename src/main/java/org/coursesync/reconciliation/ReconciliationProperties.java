package org.coursesync.reconciliation;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code reconciliation} keys of each {@code coursesync.lms-backends} entry (the
 * other keys of an entry are read by the LMS registry). Checked by
 * {@link ReconciliationTargets} at start-up.
 *
 * @param lmsBackends the backends, in configuration order
 */
@ConfigurationProperties("coursesync")
record ReconciliationProperties(@DefaultValue List<Backend> lmsBackends) {

	/**
	 * One backend as reconciliation sees it.
	 *
	 * @param baseUrl the LMS base URL
	 * @param reconciliation its reconciliation keys, {@code null} when absent
	 */
	record Backend(String baseUrl, Reconciliation reconciliation) {
	}

	/**
	 * The reconciliation of one openedx backend.
	 *
	 * @param enabled whether the schedule runs it (an admin can always start one)
	 * @param interval time between two scheduled starts
	 * @param courseApiUrl the Course API's list URL; default
	 * {@code {base-url}/api/courses/v1/courses/}
	 * @param tokenUrl the OAuth2 token URL; default
	 * {@code {base-url}/oauth2/access_token}
	 * @param clientId the OAuth2 client id; anonymous calls without it
	 * @param clientSecret the OAuth2 client secret (never logged)
	 * @param username the client's service user, sent as {@code username}
	 * @param pageSize courses per page, 1 to 100
	 * @param deadline the longest a whole reconciliation may take
	 */
	record Reconciliation(@DefaultValue("false") boolean enabled, @DefaultValue("1h") Duration interval,
			String courseApiUrl, String tokenUrl, String clientId, String clientSecret, String username,
			@DefaultValue("100") int pageSize, @DefaultValue("30m") Duration deadline) {

		@Override
		public String toString() {
			return "Reconciliation[enabled=" + this.enabled + ", interval=" + this.interval + ", courseApiUrl="
					+ this.courseApiUrl + ", clientId=" + this.clientId + ", username=" + this.username + "]";
		}

	}

}
