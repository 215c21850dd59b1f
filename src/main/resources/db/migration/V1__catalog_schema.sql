-- Courses, their draft and public runs, and the sync history.
-- Portable SQL: runs on PostgreSQL 15+ and on H2 in MODE=PostgreSQL.

-- The draft course: what admins edit. Its code (normalized like Richie's) is unique.
CREATE TABLE course (
    id                  UUID PRIMARY KEY,
    code                VARCHAR(100)  NOT NULL,
    title               VARCHAR(255)  NOT NULL,
    min_effort          INTEGER,
    max_effort          INTEGER,
    pacing_type         VARCHAR(32),
    weeks_to_complete   INTEGER,
    modular_credit      INTEGER,
    marketing_url       VARCHAR(2048),
    unpublished_changes BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT course_code_unique UNIQUE (code)
);

-- The public copy of a course, made by a publish. Exists iff the course is published.
CREATE TABLE course_public (
    course_id         UUID PRIMARY KEY REFERENCES course (id) ON DELETE CASCADE,
    title             VARCHAR(255)  NOT NULL,
    min_effort        INTEGER,
    max_effort        INTEGER,
    pacing_type       VARCHAR(32),
    weeks_to_complete INTEGER,
    modular_credit    INTEGER,
    marketing_url     VARCHAR(2048),
    published_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Draft runs. Exactly one draft run per resource link: the UNIQUE constraint is what makes
-- concurrent first syncs (on any number of instances) create one run, never two.
CREATE TABLE course_run (
    id                           UUID PRIMARY KEY,
    course_id                    UUID          NOT NULL REFERENCES course (id),
    resource_link                VARCHAR(200),
    lms_backend                  VARCHAR(255),
    sync_mode                    VARCHAR(20)   NOT NULL,
    title                        VARCHAR(255),
    display_mode                 VARCHAR(20)   NOT NULL,
    start_at                     TIMESTAMP(6) WITH TIME ZONE,
    end_at                       TIMESTAMP(6) WITH TIME ZONE,
    enrollment_start             TIMESTAMP(6) WITH TIME ZONE,
    enrollment_end               TIMESTAMP(6) WITH TIME ZONE,
    languages                    VARCHAR(1000) NOT NULL,
    enrollment_count             INTEGER       NOT NULL,
    catalog_visibility           VARCHAR(20)   NOT NULL,
    price                        NUMERIC(9, 2),
    price_currency               VARCHAR(7)    NOT NULL,
    offer                        VARCHAR(20),
    certificate_price            NUMERIC(9, 2),
    certificate_offer            VARCHAR(20),
    discounted_price             NUMERIC(9, 2),
    discount                     VARCHAR(20),
    certificate_discounted_price NUMERIC(9, 2),
    certificate_discount         VARCHAR(20),
    created_at                   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at                   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT course_run_resource_link_unique UNIQUE (resource_link),
    CONSTRAINT course_run_enrollment_count_positive CHECK (enrollment_count >= 0)
);
CREATE INDEX course_run_course ON course_run (course_id);

-- Public copies of draft runs. draft_run_id is the draft's id (unique: one public copy per
-- draft). It is not a foreign key: deleting a draft run keeps its public copy until the next
-- publish of the course, as the admin API promises.
CREATE TABLE course_run_public (
    id                           UUID PRIMARY KEY,
    draft_run_id                 UUID          NOT NULL,
    course_id                    UUID          NOT NULL REFERENCES course (id),
    resource_link                VARCHAR(200),
    lms_backend                  VARCHAR(255),
    sync_mode                    VARCHAR(20)   NOT NULL,
    title                        VARCHAR(255),
    display_mode                 VARCHAR(20)   NOT NULL,
    start_at                     TIMESTAMP(6) WITH TIME ZONE,
    end_at                       TIMESTAMP(6) WITH TIME ZONE,
    enrollment_start             TIMESTAMP(6) WITH TIME ZONE,
    enrollment_end               TIMESTAMP(6) WITH TIME ZONE,
    languages                    VARCHAR(1000) NOT NULL,
    enrollment_count             INTEGER       NOT NULL,
    catalog_visibility           VARCHAR(20)   NOT NULL,
    price                        NUMERIC(9, 2),
    price_currency               VARCHAR(7)    NOT NULL,
    offer                        VARCHAR(20),
    certificate_price            NUMERIC(9, 2),
    certificate_offer            VARCHAR(20),
    discounted_price             NUMERIC(9, 2),
    discount                     VARCHAR(20),
    certificate_discounted_price NUMERIC(9, 2),
    certificate_discount         VARCHAR(20),
    created_at                   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at                   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT course_run_public_draft_unique UNIQUE (draft_run_id)
);
CREATE INDEX course_run_public_course ON course_run_public (course_id);
CREATE INDEX course_run_public_start ON course_run_public (start_at, draft_run_id);

-- One row per authenticated sync item, accepted or rejected. Never a secret, a signature or
-- a raw body: only the outcome, the matching secret's index and the fields that changed.
CREATE TABLE sync_event (
    id            UUID PRIMARY KEY,
    received_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    resource_link VARCHAR(2048),
    lms_backend   VARCHAR(255),
    outcome       VARCHAR(16)   NOT NULL,
    secret_index  INTEGER,
    course_code   VARCHAR(100),
    course_run_id UUID,
    sync_mode     VARCHAR(20),
    changes       VARCHAR(100000),
    errors        VARCHAR(100000)
);
CREATE INDEX sync_event_received ON sync_event (received_at, id);
CREATE INDEX sync_event_link ON sync_event (resource_link, received_at);
