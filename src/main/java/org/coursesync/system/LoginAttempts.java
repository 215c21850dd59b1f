package org.coursesync.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin login attempts, counted in the database so that every instance sees the same
 * counts (Bucket4j token buckets, {@link LoginBucketStore}): one bucket per user name and
 * client address ({@value #PER_CLIENT} attempts, refilled evenly over
 * {@link #PER_CLIENT_REFILL}) and a looser one per user name ({@value #PER_USER}
 * attempts, refilled over {@link #PER_USER_REFILL}), so that one address that tries
 * passwords is slowed down while the right password from another client still gets in,
 * and many addresses together cannot try passwords fast either.
 * <p>
 * A login takes a token from both buckets before its password is checked (so concurrent
 * attempts cannot pass the limit) and gets both back when the password was right (or the
 * check did not happen): only failures stay counted. User names that no account has share
 * one name, so a flood of invented names adds no row per name; buckets that are full
 * again are deleted as logins come, so the table stays bounded. While the database is
 * unreachable, each instance counts in memory (bounded) instead of refusing every login.
 * Used by the admin API's HTTP Basic login ({@link LoginThrottleFilter}) and by any other
 * login form: call {@link #reserve}, check the password, then {@link #release}.
 */
public class LoginAttempts {

	static final int PER_CLIENT = 10;

	static final Duration PER_CLIENT_REFILL = Duration.ofMinutes(5);

	static final int PER_USER = 100;

	static final Duration PER_USER_REFILL = Duration.ofHours(1);

	/** The name that every user name without an account counts under. */
	static final String UNKNOWN_USER = "\u0000unknown";

	private static final Duration CLEANUP_EVERY = Duration.ofMinutes(1);

	private static final int CLEANUP_BATCH = 10_000;

	private static final int MAX_LOCAL = 10_000;

	private static final Duration OUTAGE_PAUSE = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(LoginAttempts.class);

	private static final Refused BUSY = new Refused(Duration.ofSeconds(1), true, false);

	private static final BucketConfiguration CLIENT_LIMIT = BucketConfiguration.builder()
		.addLimit((limit) -> limit.capacity(PER_CLIENT).refillGreedy(PER_CLIENT, PER_CLIENT_REFILL))
		.build();

	private static final BucketConfiguration USER_LIMIT = BucketConfiguration.builder()
		.addLimit((limit) -> limit.capacity(PER_USER).refillGreedy(PER_USER, PER_USER_REFILL))
		.build();

	private final LoginBucketStore store;

	private final Predicate<String> knownUser;

	private final Clock clock;

	/** Logins of this instance whose password is being checked, per client bucket. */
	private final Map<Long, Integer> pending = new ConcurrentHashMap<>();

	/** The in-memory buckets used while the database is unreachable. */
	private final Cache<Long, Bucket> local;

	private final AtomicLong nextCleanup = new AtomicLong(Long.MIN_VALUE);

	private final AtomicLong nextOutageWarning = new AtomicLong(Long.MIN_VALUE);

	private volatile long databaseRetryAt = Long.MIN_VALUE;

	LoginAttempts(LoginBucketStore store, Predicate<String> knownUser, Clock clock) {
		this.store = store;
		this.knownUser = knownUser;
		this.clock = clock;
		this.local = Caffeine.newBuilder().maximumSize(MAX_LOCAL).expireAfterAccess(PER_USER_REFILL).build();
	}

	/** Whether a login may be checked now, or why not. */
	public sealed interface Decision permits Reserved, Refused {

	}

	/**
	 * Tokens are taken: check the password, then {@link #release} this reservation,
	 * whatever the outcome.
	 */
	public record Reserved(long clientKey, long userKey) implements Decision {

	}

	/**
	 * Refused without a password check, for {@code retryAfter}. {@code busy}: the
	 * client's tokens are held by its own logins still being checked on this instance, or
	 * the database made it wait too long, not by failures (a caller may wait briefly and
	 * try again). {@code perUser}: every client of this user name is slowed down, not
	 * only this one.
	 */
	public record Refused(Duration retryAfter, boolean busy, boolean perUser) implements Decision {

	}

	/** How a checked login ended. */
	public enum Outcome {

		/** Wrong or malformed credentials: the tokens stay taken. */
		FAILED,

		/** The credentials were accepted: the tokens are given back. */
		ACCEPTED,

		/** The check did not end (the request failed): the tokens are given back. */
		UNKNOWN

	}

	/**
	 * Takes a token for a login of {@code username} (null when none could be read) from
	 * {@code clientAddress}.
	 * <p>
	 * A login counts as in progress on this instance from before it takes its tokens
	 * until after it has given them back: a login that finds its client's bucket empty
	 * while logins of this instance hold the tokens always sees them in progress (and is
	 * told it is busy, not that the address failed too often).
	 */
	public Decision reserve(String username, String clientAddress) {
		cleanupIfDue();
		String user = (username != null && this.knownUser.test(username)) ? username : UNKNOWN_USER;
		long clientKey = key("client", user, clientAddress);
		long userKey = key("user", user, "");
		if (this.pending.merge(clientKey, 1, Integer::sum) > PER_CLIENT) {
			// Its logins being checked here hold every token: no need to ask the
			// database.
			endPending(clientKey);
			return BUSY;
		}
		Decision decision = BUSY;
		try {
			decision = take(clientKey, userKey);
			return decision;
		}
		finally {
			if (!(decision instanceof Reserved)) {
				endPending(clientKey);
			}
		}
	}

	/** Takes a token from both buckets of a login counted as in progress. */
	private Decision take(long clientKey, long userKey) {
		ConsumptionProbe client;
		ConsumptionProbe perUser;
		try {
			client = probe(clientKey, CLIENT_LIMIT);
			if (!client.isConsumed()) {
				// Busy when other logins of this client are in progress here.
				return new Refused(wait(client), this.pending.getOrDefault(clientKey, 0) > 1, false);
			}
			try {
				perUser = probe(userKey, USER_LIMIT);
			}
			catch (RuntimeException ex) {
				giveBack(clientKey, CLIENT_LIMIT);
				throw ex;
			}
		}
		catch (RuntimeException ex) {
			// A lock held too long (a flood of logins on one bucket): not an outage.
			return BUSY;
		}
		if (!perUser.isConsumed()) {
			giveBack(clientKey, CLIENT_LIMIT);
			return new Refused(wait(perUser), false, true);
		}
		return new Reserved(clientKey, userKey);
	}

	/**
	 * Ends a reservation: a failure keeps its tokens, any other outcome gives them back
	 * (before the login stops counting as in progress).
	 */
	public void release(Reserved reservation, Outcome outcome) {
		try {
			if (outcome != Outcome.FAILED) {
				giveBack(reservation.clientKey(), CLIENT_LIMIT);
				giveBack(reservation.userKey(), USER_LIMIT);
			}
		}
		finally {
			endPending(reservation.clientKey());
		}
	}

	private void endPending(long clientKey) {
		this.pending.computeIfPresent(clientKey, (key, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * Takes a token from the shared bucket, or from this instance's while the database is
	 * unreachable; any other database failure is thrown.
	 */
	private ConsumptionProbe probe(long key, BucketConfiguration limit) {
		if (databaseLooksUp()) {
			try {
				return this.store.getProxy(key, () -> limit).tryConsumeAndReturnRemaining(1);
			}
			catch (RuntimeException ex) {
				if (!DatabaseFailures.isUnreachable(ex)) {
					throw ex;
				}
				databaseUnavailable(ex);
			}
		}
		return localBucket(key, limit).tryConsumeAndReturnRemaining(1);
	}

	private void giveBack(long key, BucketConfiguration limit) {
		if (databaseLooksUp()) {
			try {
				this.store.getProxy(key, () -> limit).addTokens(1);
				return;
			}
			catch (RuntimeException ex) {
				if (!DatabaseFailures.isUnreachable(ex)) {
					// The token stays taken: it comes back with the refill.
					logger.debug("A login token could not be given back: {}", ex.getClass().getSimpleName());
					return;
				}
				databaseUnavailable(ex);
			}
		}
		localBucket(key, limit).addTokens(1);
	}

	/**
	 * After a failure the database is tried again only after {@link #OUTAGE_PAUSE}: a
	 * login does not wait for the pool's time-out at every bucket.
	 */
	private boolean databaseLooksUp() {
		long retryAt = this.databaseRetryAt;
		return retryAt == Long.MIN_VALUE || System.nanoTime() - retryAt >= 0;
	}

	private Bucket localBucket(long key, BucketConfiguration limit) {
		return this.local.get(key,
				(k) -> Bucket.builder()
					.addLimit(limit.getBandwidths()[0])
					.withCustomTimePrecision(LoginBucketStore.timeMeter(this.clock))
					.build());
	}

	private void databaseUnavailable(RuntimeException ex) {
		long now = System.nanoTime();
		this.databaseRetryAt = now + OUTAGE_PAUSE.toNanos();
		long next = this.nextOutageWarning.get();
		if ((next == Long.MIN_VALUE || now - next >= 0)
				&& this.nextOutageWarning.compareAndSet(next, now + Duration.ofMinutes(1).toNanos())) {
			logger.warn("Failed logins are counted in memory on this instance: the database is unavailable ({})",
					ex.getClass().getSimpleName());
		}
	}

	/** Deletes the rows of full buckets, at most once a minute per instance. */
	private void cleanupIfDue() {
		long now = this.clock.millis();
		long next = this.nextCleanup.get();
		if ((next != Long.MIN_VALUE && now < next)
				|| !this.nextCleanup.compareAndSet(next, now + CLEANUP_EVERY.toMillis())) {
			return;
		}
		try {
			this.store.deleteExpired(CLEANUP_BATCH);
		}
		catch (RuntimeException ex) {
			databaseUnavailable(ex);
		}
	}

	private static Duration wait(ConsumptionProbe probe) {
		return Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 0));
	}

	/**
	 * A bucket's key: 64 bits of a SHA-256 of its parts, so that the table holds neither
	 * user names nor addresses.
	 */
	static long key(String kind, String user, String address) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest((kind + '\u0000' + user + '\u0000' + address).getBytes(StandardCharsets.UTF_8));
			long key = 0;
			for (int i = 0; i < Long.BYTES; i++) {
				key = (key << 8) | (hash[i] & 0xFF);
			}
			return key;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
