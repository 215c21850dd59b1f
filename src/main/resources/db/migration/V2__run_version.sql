-- The version of a draft run: every write of the run checks the version it read and advances
-- it, so that a write based on a stale read fails (and is retried from a fresh read) instead
-- of recording in the history "before" values that another write had already replaced.
ALTER TABLE course_run ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
