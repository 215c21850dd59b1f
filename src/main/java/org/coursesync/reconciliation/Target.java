package org.coursesync.reconciliation;

import java.net.URI;
import java.time.Duration;

import org.coursesync.lms.LmsBackend;

/**
 * An openedx backend ready to reconcile: its checked configuration.
 *
 * @param lms the backend (regex, sync rules)
 * @param enabled whether the schedule runs it
 * @param interval time between two scheduled starts
 * @param courseApi the Course API's list URL
 * @param tokenUrl the OAuth2 token URL
 * @param clientId the OAuth2 client id, {@code null} for anonymous calls
 * @param clientSecret the OAuth2 client secret
 * @param username the service user sent with authenticated calls
 * @param pageSize courses per page
 * @param deadline the longest a whole reconciliation may take
 */
record Target(LmsBackend lms, boolean enabled, Duration interval, URI courseApi, URI tokenUrl, String clientId,
		String clientSecret, String username, int pageSize, Duration deadline) {

	String baseUrl() {
		return this.lms.baseUrl();
	}

	boolean authenticated() {
		return this.clientId != null;
	}

	@Override
	public String toString() {
		return "Target[" + baseUrl() + "]";
	}

}
