-- The catalog's version and the indexes of its filters. Portable SQL (PostgreSQL and H2).

-- Every change to a public copy (course_run_public, course_public) adds 1 to one row of this
-- table in the writing transaction (the triggers of V4, per database). The sum of the rows is
-- the catalog's version: it makes the catalog's ETag and keys its caches. 64 rows, chosen by
-- the writing session, so that concurrent writers rarely wait for the same row lock.
CREATE TABLE catalog_version (
    shard   INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO catalog_version (shard, version) VALUES
    (0, 0),
    (1, 0),
    (2, 0),
    (3, 0),
    (4, 0),
    (5, 0),
    (6, 0),
    (7, 0),
    (8, 0),
    (9, 0),
    (10, 0),
    (11, 0),
    (12, 0),
    (13, 0),
    (14, 0),
    (15, 0),
    (16, 0),
    (17, 0),
    (18, 0),
    (19, 0),
    (20, 0),
    (21, 0),
    (22, 0),
    (23, 0),
    (24, 0),
    (25, 0),
    (26, 0),
    (27, 0),
    (28, 0),
    (29, 0),
    (30, 0),
    (31, 0),
    (32, 0),
    (33, 0),
    (34, 0),
    (35, 0),
    (36, 0),
    (37, 0),
    (38, 0),
    (39, 0),
    (40, 0),
    (41, 0),
    (42, 0),
    (43, 0),
    (44, 0),
    (45, 0),
    (46, 0),
    (47, 0),
    (48, 0),
    (49, 0),
    (50, 0),
    (51, 0),
    (52, 0),
    (53, 0),
    (54, 0),
    (55, 0),
    (56, 0),
    (57, 0),
    (58, 0),
    (59, 0),
    (60, 0),
    (61, 0),
    (62, 0),
    (63, 0);

-- The catalog's order (start, then id) within one course, for the course filter.
CREATE INDEX course_run_public_course_start ON course_run_public (course_id, start_at, draft_run_id);
-- The next run to end, and the Archived filter.
CREATE INDEX course_run_public_end ON course_run_public (end_at);
