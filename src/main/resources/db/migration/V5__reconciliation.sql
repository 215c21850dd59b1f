-- Reconciliation with the LMS (README, "Reconciliation with Open edX"). Portable SQL.

-- Where a history row comes from: a webhook (every row written before this migration) or a
-- reconciliation.
ALTER TABLE sync_event ADD COLUMN source VARCHAR(16) DEFAULT 'webhook' NOT NULL;

-- One report per reconciliation. The lists are JSON arrays of at most 1,000 entries; the
-- totals count them all.
CREATE TABLE reconciliation (
    id                   UUID PRIMARY KEY,
    lms_backend          VARCHAR(255)  NOT NULL,
    trigger_kind         VARCHAR(16)   NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    listing              VARCHAR(16)   NOT NULL,
    started_at           TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at          TIMESTAMP(6) WITH TIME ZONE,
    courses_seen         INTEGER       NOT NULL,
    runs_updated         INTEGER       NOT NULL,
    runs_unchanged       INTEGER       NOT NULL,
    runs_skipped_newer   INTEGER       NOT NULL,
    runs_rejected        INTEGER       NOT NULL,
    not_in_catalog       VARCHAR(1000000),
    not_in_catalog_total INTEGER       NOT NULL,
    missing_in_lms       VARCHAR(1000000),
    missing_in_lms_total INTEGER       NOT NULL,
    error                VARCHAR(2000)
);
CREATE INDEX reconciliation_started ON reconciliation (started_at, id);
CREATE INDEX reconciliation_backend ON reconciliation (lms_backend, started_at);

-- The lease: one row per backend. A reconciliation holds it (report_id set) until it ends or
-- until expires_at passes without a renewal (its instance died). last_started_at makes the
-- schedule shared by every instance: the next one is due at last_started_at + interval.
CREATE TABLE reconciliation_lease (
    lms_backend     VARCHAR(255) PRIMARY KEY,
    report_id       UUID,
    holder          VARCHAR(100),
    expires_at      TIMESTAMP(6) WITH TIME ZONE,
    last_started_at TIMESTAMP(6) WITH TIME ZONE
);
