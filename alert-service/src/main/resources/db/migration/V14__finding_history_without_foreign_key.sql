-- finding_history's foreign key to finding goes (issue 27; bench/RESULTS.md, section alert-pg-9). Each history row
-- fired its RI trigger: a probe of finding's primary key and a FOR KEY SHARE lock on the row, per finding change.
-- It guarded nothing the service does not already guarantee: a finding is never deleted (no code path deletes from
-- finding, nor does any migration), and its history rows are written only by FindingRows.recordHistory, in the
-- transaction that upserts the finding, after it (FindingStore). HistoryHasItsFindingTest checks that every version has
-- its history row and no history row lacks its finding (correlation's upserts and an analyst's change). If findings
-- are ever deleted, their history goes in the same transaction (or the key comes back).
ALTER TABLE finding_history DROP CONSTRAINT finding_history_finding_id_fkey;
