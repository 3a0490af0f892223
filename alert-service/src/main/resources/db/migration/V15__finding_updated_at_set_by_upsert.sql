-- updated_at (V9) is set by the findings upsert itself (FindingRows: clock_timestamp(), the time of the write), so
-- the trigger runs only for the writers that leave it alone: an insert without it (Hibernate's, which never writes
-- the column) and an update that does not change it (Hibernate's, the asset re-attachment's, an instance of an
-- earlier version still upserting without it). V9's trigger ran a PL/pgSQL function for every upserted row, twice
-- for an upsert that updates (once for the insert attempt, once for the update): issue 27, bench/RESULTS.md section
-- alert-pg-10. A WHEN condition is checked without calling the function. Every writer still moves updated_at.
DROP TRIGGER finding_updated_at ON finding;
CREATE TRIGGER finding_inserted_at BEFORE INSERT ON finding
    FOR EACH ROW WHEN (NEW.updated_at IS NULL) EXECUTE FUNCTION finding_touch();
CREATE TRIGGER finding_updated_at BEFORE UPDATE ON finding
    FOR EACH ROW WHEN (NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at) EXECUTE FUNCTION finding_touch();
