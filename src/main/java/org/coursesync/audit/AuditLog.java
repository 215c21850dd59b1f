package org.coursesync.audit;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.coursesync.system.ApiProblem;
import org.coursesync.system.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log of writes by people: the services that make a write (courses, runs,
 * reconciliations) record it here, in their own transaction, so that a write without its
 * record, or a record of a write that failed, cannot be stored. The actor is the user
 * Spring Security logged in for the request (admin API or console).
 */
@Service
public class AuditLog {

	private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

	/** Bookkeeping a person does not set: left out of before and after. */
	private static final Set<String> BOOKKEEPING = Set.of("id", "created_at", "updated_at");

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "occurredAt")
		.and(Sort.by(Sort.Direction.DESC, "id"));

	private final EntityManager entityManager;

	private final AuditEventRepository events;

	private final JsonMapper json;

	private final Clock clock;

	AuditLog(EntityManager entityManager, AuditEventRepository events, JsonMapper json, Clock clock) {
		this.entityManager = entityManager;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Records {@code action} on {@code target} by the logged-in user, in the caller's
	 * transaction (there must be one). {@code before} and {@code after} are views of the
	 * target (records or maps, serialized with their JSON names), null for a creation or
	 * a deletion; only the fields that differ are kept.
	 * @throws ApiProblem (500) when the record cannot be stored: the caller's transaction
	 * then rolls back, and the write is not stored either
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(AuditAction action, AuditTarget target, Object before, Object after) {
		String username = actor();
		ObjectNode old = fields(before);
		ObjectNode now = fields(after);
		if (old != null && now != null) {
			keepChanges(old, now);
		}
		AuditEvent event = new AuditEvent(this.clock.instant(), username, action, target, text(old), text(now));
		// The write's own statements first: their failures keep their meaning (a 409...).
		this.entityManager.flush();
		try {
			this.entityManager.persist(event);
			this.entityManager.flush();
		}
		catch (PersistenceException ex) {
			if (DatabaseFailures.isUnreachable(ex) || DatabaseFailures.isLockTimeout(ex)) {
				throw ex;
			}
			logger.error("Audit record of {} not stored, so the write is rolled back: {}", action.wireName(),
					ex.getClass().getSimpleName());
			throw new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR,
					"The change was not stored: its audit record could not be written.", java.util.Map.of());
		}
	}

	/**
	 * The events {@code query} selects, newest first (the pageable's sort is ignored).
	 */
	@Transactional(readOnly = true)
	public Page<AuditEventView> find(AuditQuery query, Pageable pageable) {
		Specification<AuditEvent> where = (root, q, cb) -> cb.conjunction();
		if (query.username() != null) {
			where = where.and((root, q, cb) -> cb.equal(root.get("username"), query.username()));
		}
		if (query.action() != null) {
			where = where.and((root, q, cb) -> cb.equal(root.get("action"), query.action().wireName()));
		}
		if (query.courseCode() != null) {
			where = where.and((root, q, cb) -> cb.equal(root.get("courseCode"), query.courseCode()));
		}
		if (query.since() != null) {
			where = where.and((root, q, cb) -> cb.greaterThanOrEqualTo(root.get("occurredAt"), query.since()));
		}
		if (query.until() != null) {
			where = where.and((root, q, cb) -> cb.lessThan(root.get("occurredAt"), query.until()));
		}
		PageRequest newestFirst = PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), NEWEST_FIRST);
		return this.events.findAll(where, newestFirst).map((event) -> AuditEventView.of(event, this.json));
	}

	private static String actor() {
		Authentication user = SecurityContextHolder.getContext().getAuthentication();
		if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
			// Fails the write: a write by a person that no one made cannot be recorded.
			throw new IllegalStateException("A write by a person needs a logged-in user, and none is");
		}
		return user.getName();
	}

	private ObjectNode fields(Object view) {
		if (view == null) {
			return null;
		}
		ObjectNode fields = this.json.valueToTree(view);
		fields.remove(BOOKKEEPING);
		return fields;
	}

	/** Removes from both the fields whose values are the same. */
	private static void keepChanges(ObjectNode before, ObjectNode after) {
		Set<String> names = new LinkedHashSet<>(before.propertyNames());
		names.addAll(after.propertyNames());
		for (String name : names) {
			JsonNode old = before.get(name);
			JsonNode now = after.get(name);
			if ((old == null || old.isNull()) ? (now == null || now.isNull()) : old.equals(now)) {
				before.remove(name);
				after.remove(name);
			}
		}
	}

	private String text(ObjectNode fields) {
		return (fields != null) ? this.json.writeValueAsString(fields) : null;
	}

}
