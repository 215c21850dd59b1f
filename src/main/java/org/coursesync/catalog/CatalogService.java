package org.coursesync.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.coursesync.lms.LmsBackend;
import org.coursesync.lms.LmsKind;
import org.coursesync.lms.LmsRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serves catalog pages: the catalog's state (version and next availability change) for
 * ETags, pages serialized once per state and query and kept in memory, and a limit on the
 * catalog's concurrent database work so that syncs always find a connection.
 */
@Service
class CatalogService {

	private static final Set<String> PAID = Set.of("paid", "subscription");

	/** Serialized pages kept, by their size in bytes. */
	private static final long PAGE_CACHE_BYTES = 32L * 1024 * 1024;

	private final CatalogRepository repository;

	private final LmsRegistry lmsRegistry;

	private final JsonMapper json;

	private final TransactionTemplate snapshot;

	private final Semaphore gate;

	private final SharedRead versions;

	private final ConcurrentMap<PageKey, CompletableFuture<Page>> pages;

	private final ConcurrentMap<CountKey, CompletableFuture<Long>> counts;

	private final Counter pagesBuilt;

	private final Object timeLock = new Object();

	private volatile TimeState timeState;

	CatalogService(CatalogRepository repository, LmsRegistry lmsRegistry, JsonMapper json,
			PlatformTransactionManager transactions, Environment environment, MeterRegistry meters) {
		this.repository = repository;
		this.lmsRegistry = lmsRegistry;
		this.json = json;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		// The page and its count from one snapshot.
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		// At most half the pool: the rest stays for the sync endpoint and the admin API.
		// Fair, and waiting: under load a read queues here, never for a pooled
		// connection.
		int pool = environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class, 10);
		this.gate = new Semaphore(Math.max(1, pool / 2), true);
		this.versions = new SharedRead(() -> withGate(this.repository::version));
		this.pages = Caffeine.newBuilder()
			.maximumWeight(PAGE_CACHE_BYTES)
			.<PageKey, Page>weigher((key, page) -> page.body().length + 256)
			.expireAfterAccess(Duration.ofMinutes(10))
			.<PageKey, Page>buildAsync()
			.asMap();
		this.counts = Caffeine.newBuilder()
			.maximumSize(10_000)
			.expireAfterAccess(Duration.ofMinutes(10))
			.<CountKey, Long>buildAsync()
			.asMap();
		this.pagesBuilt = Counter.builder("coursesync.catalog.pages.built")
			.description("Catalog pages read from the database (not served from memory)")
			.register(meters);
	}

	/**
	 * What a catalog read depends on besides its query: the catalog's version and the
	 * next instant at which a run's availability changes (null: none will).
	 */
	record State(long version, Instant nextChange) {
	}

	/**
	 * A page: its JSON body, the total across pages, and the cursor after its last run
	 * (null if empty).
	 */
	record Page(byte[] body, long total, CatalogCursor last) {
	}

	private record PageKey(String catalog, State state, CatalogQuery query) {
	}

	private record CountKey(String catalog, State state, CatalogQuery filters) {
	}

	private record TimeState(long version, Instant from, Instant next) {

		boolean holds(long version, Instant now) {
			return this.version == version && !now.isBefore(this.from)
					&& (this.next == null || now.isBefore(this.next));
		}

	}

	/**
	 * The state at {@code now}: one database lookup (shared by concurrent callers), plus
	 * three index lookups when the version changed or the clock passed the next change.
	 */
	State state(Instant now) {
		long version = this.versions.read();
		TimeState time = this.timeState;
		if (time == null || !time.holds(version, now)) {
			synchronized (this.timeLock) {
				time = this.timeState;
				if (time == null || !time.holds(version, now)) {
					// Availability is the same for every run from now until the next
					// change:
					// pages and ETags of this version hold until then.
					time = new TimeState(version, now, withGate(() -> this.repository.nextAvailabilityChange(now)));
					this.timeState = time;
				}
			}
		}
		return new State(version, time.next());
	}

	/** The page if it is in memory: no database work. */
	Optional<Page> cached(String catalog, State state, CatalogQuery query) {
		CompletableFuture<Page> page = this.pages.get(new PageKey(catalog, state, query));
		return (page != null && page.isDone() && !page.isCompletedExceptionally()) ? Optional.of(page.join())
				: Optional.empty();
	}

	/** The page of {@code query} in {@code state}, from memory or built once. */
	Page page(String catalog, Set<String> backends, CatalogQuery query, State state, Instant now) {
		return load(this.pages, new PageKey(catalog, state, query),
				() -> withGate(() -> this.snapshot.execute((status) -> build(catalog, backends, query, state, now))));
	}

	private Page build(String catalog, Set<String> backends, CatalogQuery query, State state, Instant now) {
		this.pagesBuilt.increment();
		List<CatalogRepository.Row> rows = this.repository.page(query, backends, now);
		List<CatalogRun> runs = rows.stream().map((row) -> toRun(row, now)).toList();
		long total = (query.page() == 0 && query.cursor() == null && runs.size() < query.size()) ? runs.size()
				: load(this.counts, new CountKey(catalog, state, query.filters()),
						() -> this.repository.count(query, backends, now));
		CatalogRepository.Row last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
		return new Page(this.json.writeValueAsBytes(runs), total,
				(last != null) ? new CatalogCursor(last.start(), last.draftRunId()) : null);
	}

	/**
	 * The value of {@code key}, computed once by the first caller while the others wait
	 * for it (a failure is not kept).
	 */
	private static <K, V> V load(ConcurrentMap<K, CompletableFuture<V>> cache, K key, Supplier<V> compute) {
		CompletableFuture<V> mine = new CompletableFuture<>();
		CompletableFuture<V> theirs = cache.putIfAbsent(key, mine);
		if (theirs != null) {
			try {
				return theirs.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException cause) {
					throw cause;
				}
				throw ex;
			}
		}
		try {
			V value = compute.get();
			mine.complete(value);
			return value;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			cache.remove(key, mine);
			throw ex;
		}
	}

	/** Runs catalog database work within the catalog's share of the connection pool. */
	private <T> T withGate(Supplier<T> work) {
		try {
			this.gate.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the catalog's database share", ex);
		}
		try {
			return work.get();
		}
		finally {
			this.gate.release();
		}
	}

	private CatalogRun toRun(CatalogRepository.Row row, Instant now) {
		String type = "audit";
		BigDecimal price = null;
		if (row.offer() != null && PAID.contains(row.offer())) {
			type = "professional";
			price = row.price();
		}
		else if (row.certificateOffer() != null && PAID.contains(row.certificateOffer())) {
			type = "verified";
			price = row.certificatePrice();
		}
		return new CatalogRun(row.draftRunId(), courseRunKey(row.resourceLink()), row.courseId(), row.start(),
				row.end(), row.enrollmentStart(), row.enrollmentEnd(), row.minEffort(), row.maxEffort(),
				row.pacingType(), row.weeksToComplete(), Availability.of(row.start(), row.end(), now).label(),
				row.marketingUrl(), row.resourceLink(), (price != null) ? price.toPlainString() : null, type,
				row.modularCredit(), row.languages());
	}

	/**
	 * The Open edX course key of an openedx link ({@code course-v1:edX+DemoX+01}), else
	 * the link.
	 */
	private String courseRunKey(String link) {
		if (link == null) {
			return null;
		}
		return this.lmsRegistry.select(link)
			.filter((lms) -> lms.kind() == LmsKind.OPENEDX)
			.flatMap((LmsBackend lms) -> lms.regex().match(link).flatMap((m) -> lms.regex().group(m, "course_id")))
			.orElse(link);
	}

}
