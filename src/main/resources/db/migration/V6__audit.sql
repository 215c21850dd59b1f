-- The audit log: every write by a person (admin API, console), stored in the transaction of
-- the write, so that a write and its record commit or roll back together. Portable SQL.
-- before_values and after_values hold JSON objects of the changed fields only.
CREATE TABLE audit_event (
    id            UUID PRIMARY KEY,
    occurred_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    username      VARCHAR(255)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    course_code   VARCHAR(100),
    run_id        UUID,
    resource_link VARCHAR(2048),
    before_values VARCHAR(1000000),
    after_values  VARCHAR(1000000)
);
-- Pages are read newest first (occurred_at DESC, id DESC), all events or those of one user,
-- one action or one course: each index serves one filter with the same order.
CREATE INDEX audit_event_occurred ON audit_event (occurred_at, id);
CREATE INDEX audit_event_username ON audit_event (username, occurred_at, id);
CREATE INDEX audit_event_action ON audit_event (action, occurred_at, id);
CREATE INDEX audit_event_course ON audit_event (course_code, occurred_at, id);
