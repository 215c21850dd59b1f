-- Advances the catalog's version (V3) in the transaction of every statement that changes a
-- public copy. Statement triggers with a transition table: one row lock per statement, none
-- for a statement that changed no row. The row is the backend's, so that concurrent writers
-- (one backend each) rarely share it.
CREATE FUNCTION catalog_version_advance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed) THEN
        UPDATE catalog_version SET version = version + 1 WHERE shard = pg_backend_pid() % 64;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER course_run_public_inserted AFTER INSERT ON course_run_public
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_advance();
CREATE TRIGGER course_run_public_updated AFTER UPDATE ON course_run_public
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_advance();
CREATE TRIGGER course_run_public_deleted AFTER DELETE ON course_run_public
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_advance();
CREATE TRIGGER course_public_inserted AFTER INSERT ON course_public
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_advance();
CREATE TRIGGER course_public_updated AFTER UPDATE ON course_public
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_advance();
CREATE TRIGGER course_public_deleted AFTER DELETE ON course_public
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION catalog_version_advance();
