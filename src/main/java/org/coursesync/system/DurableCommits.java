package org.coursesync.system;

/**
 * Makes the calling thread's commits durable before it goes on. On an H2 file database a
 * commit reaches the file at the next checkpoint ({@link DurableH2Commits}), which the
 * answer to a request waits for: background work that writes many commits (a
 * reconciliation) writes its own, so that the next webhook's answer does not wait for
 * them. On other databases a commit is durable when it returns, and this does nothing.
 */
public interface DurableCommits {

	/** Returns once the commits this thread made so far are durable. */
	void awaitOwnCommits();

}
