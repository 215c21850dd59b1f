package org.coursesync.webhook;

import org.coursesync.system.ErrorJson;

/**
 * Fixed error bodies of the sync endpoint, byte for byte as Richie (DRF) renders them.
 */
public enum Rejection {

	INVALID_VERSION(ErrorJson.detail("Invalid version in URL path.")),
	NOT_ACCEPTABLE(ErrorJson.detail("Could not satisfy the request Accept header.")),
	MISSING_AUTHENTICATION("\"Missing authentication.\""), INVALID_AUTHENTICATION("\"Invalid authentication.\"");

	private final String body;

	Rejection(String body) {
		this.body = body;
	}

	/** The JSON body. */
	public String body() {
		return this.body;
	}

}
