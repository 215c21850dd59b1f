-- Advances the catalog's version (V3) in the transaction of every change to a public copy:
-- a Java trigger (CatalogVersionTrigger), one per changed row, on the session's row.
CREATE TRIGGER course_run_public_changed AFTER INSERT, UPDATE, DELETE ON course_run_public
    FOR EACH ROW CALL 'org.coursesync.catalog.CatalogVersionTrigger';
CREATE TRIGGER course_public_changed AFTER INSERT, UPDATE, DELETE ON course_public
    FOR EACH ROW CALL 'org.coursesync.catalog.CatalogVersionTrigger';
