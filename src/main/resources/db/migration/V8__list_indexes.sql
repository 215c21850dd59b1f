-- The admin lists (course list, sync history): each filter has an index that holds its rows in
-- the list's order, so that a page reads its rows and no others (README, "Admin API").
-- Portable SQL; the indexes that differ per database are in V8_1 (db/vendor).

-- The words of each course's title (lower case, without accents), for the title search; written
-- with the course (Course.titleWords), filled for existing courses by V8_2
-- (CourseTitleWordsMigration).
CREATE TABLE course_title_word (
    course_id UUID         NOT NULL REFERENCES course (id) ON DELETE CASCADE,
    word      VARCHAR(255) NOT NULL,
    CONSTRAINT course_title_word_pk PRIMARY KEY (course_id, word)
);

-- Course list: the flag filter and the other orders (the code's is course_code_unique). A
-- course's updated_at is read through course_run_course (V1): no index on course_run.updated_at,
-- which every sync that changes a run writes (an indexed column would make each such update
-- rewrite every index of the row instead of none).
CREATE INDEX course_unpublished ON course (unpublished_changes, code);
CREATE INDEX course_title_order ON course (title, code);
CREATE INDEX course_created ON course (created_at, code);

-- Sync history, newest first, per filter (the link's is sync_event_link, the time range's
-- sync_event_received, V1).
CREATE INDEX sync_event_backend ON sync_event (lms_backend, received_at, id);
CREATE INDEX sync_event_outcome ON sync_event (outcome, received_at, id);
CREATE INDEX sync_event_course ON sync_event (course_code, received_at, id);
CREATE INDEX sync_event_run ON sync_event (course_run_id, received_at, id);
