-- A finding's common changes (opened again, resolved, re-judged, lastSeen moved on: state, severity, last_seen and
-- the trigger's updated_at) touch no index any more, so PostgreSQL updates the row in place (a HOT update: no new
-- index entries, less WAL, no index bloat); a fifth of each page is kept free for the new versions. The indexes
-- dropped sorted the findings API's pages (severity, last_seen, updated_at) and filtered by state: those reads
-- now sort the matching rows themselves (one row per host, port and rule ever seen), the price of cheap writes.
-- Issue 27; the figures are in bench/RESULTS.md (alert-change-cost).
DROP INDEX finding_order;
DROP INDEX finding_updated;
DROP INDEX finding_state_severity;
-- The fleet finds a probe's active findings: by probe, without the state in the predicate (a state change would
-- then have to touch this index too).
DROP INDEX finding_probe_active;
CREATE INDEX finding_probe ON finding (probe_id);
ALTER TABLE finding SET (fillfactor = 80);
