-- What each LMS backend pushed lately (GET /api/admin/lms-backends): the newest accepted
-- webhook row and the counts of the last 24 hours of a backend are read from this index
-- alone (outcome and source are in it), however long the history.
CREATE INDEX sync_event_backend_received ON sync_event (lms_backend, received_at, outcome, source);

-- Failed admin logins, counted by every instance (Bucket4j buckets, README "Login
-- throttling"). id: a hash of the bucket's key (never the user name or the address in
-- clear); state: Bucket4j's serialized bucket; expires_at: epoch milliseconds after which
-- the bucket is full again, so that the row can be deleted (expired rows are deleted as
-- logins arrive, so a flood of failed logins cannot grow the table without bound).
CREATE TABLE login_bucket (
    id         BIGINT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX login_bucket_expires ON login_bucket (expires_at);
