-- When each finding's row last changed (any write: a state change, a re-judgement, lastSeen moving on), for the
-- findings API's incremental reads (updatedSince) and its sort=updated cursor (issue 26). The database sets it, so
-- every writer keeps it, whichever way it writes. clock_timestamp(), not now(): the time of the write itself.
ALTER TABLE finding ADD COLUMN updated_at timestamptz;
UPDATE finding SET updated_at = last_seen;
ALTER TABLE finding ALTER COLUMN updated_at SET NOT NULL;

CREATE FUNCTION finding_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := clock_timestamp();
    RETURN NEW;
END
$$;
CREATE TRIGGER finding_updated_at BEFORE INSERT OR UPDATE ON finding FOR EACH ROW EXECUTE FUNCTION finding_touch();

CREATE INDEX finding_updated ON finding (updated_at, finding_id);
