-- Outbox rows are no longer deleted one by one once the broker acknowledged them (issue 27; alert-service/DESIGN.md,
-- "The outbox ring"). A transaction that stages finding changes writes one row into alert_outbox_batch, its
-- batch, and its rows into one of eight ring partitions (slot = two-second period of the clock, modulo 8). The
-- broker's acknowledgement deletes the batch row: one row per batch, not per change. A partition whose rows all
-- belong to acknowledged batches is emptied by TRUNCATE (OutboxRing), under its ACCESS EXCLUSIVE lock, after
-- checking again that no batch of its slot is pending: a row is never removed before the broker took it.
-- Rows without a batch (written by an instance of the version before, during a rolling upgrade, or migrated
-- below) and parked rows live in the partition of slot -1, which is never truncated: they are deleted (or kept,
-- parked) one by one, as before. The ring partitions have no index and no autovacuum: nothing reads them by id
-- on the hot path, and TRUNCATE gives each a new, empty file.
CREATE TABLE alert_outbox_batch (
    batch      bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slot       smallint    NOT NULL,
    created_at timestamptz NOT NULL
);

-- Every instance runs a version that writes `topics` (V5): the older writers' column, trigger and function go.
DROP TRIGGER alert_outbox_older_writer ON alert_outbox;
DROP FUNCTION alert_outbox_topic_of_an_older_writer();
ALTER TABLE alert_outbox RENAME TO alert_outbox_v10;

CREATE TABLE alert_outbox (
    id          bigint         NOT NULL,
    slot        smallint       NOT NULL DEFAULT -1,   -- an older writer's row goes to the kept partition
    batch       bigint,                               -- null for an older writer's row
    topics      varchar(249)[] NOT NULL,
    record_key  varchar(64)    NOT NULL,
    version     bigint         NOT NULL,
    ce_type     varchar(64)    NOT NULL,
    severity    varchar(16)    NOT NULL,
    payload     text           NOT NULL,
    event_time  timestamptz    NOT NULL,
    created_at  timestamptz    NOT NULL,
    parked_at   timestamptz,
    park_reason text
) PARTITION BY LIST (slot);
CREATE TABLE alert_outbox_kept PARTITION OF alert_outbox (PRIMARY KEY (id)) FOR VALUES IN (-1);
CREATE TABLE alert_outbox_0 PARTITION OF alert_outbox FOR VALUES IN (0)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE alert_outbox_1 PARTITION OF alert_outbox FOR VALUES IN (1)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE alert_outbox_2 PARTITION OF alert_outbox FOR VALUES IN (2)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE alert_outbox_3 PARTITION OF alert_outbox FOR VALUES IN (3)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE alert_outbox_4 PARTITION OF alert_outbox FOR VALUES IN (4)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE alert_outbox_5 PARTITION OF alert_outbox FOR VALUES IN (5)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE alert_outbox_6 PARTITION OF alert_outbox FOR VALUES IN (6)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);
CREATE TABLE alert_outbox_7 PARTITION OF alert_outbox FOR VALUES IN (7)
    WITH (autovacuum_enabled = false, toast.autovacuum_enabled = false);

-- What is still unsent (or parked) moves over as kept rows: swept (or kept) one by one, as before.
INSERT INTO alert_outbox (id, topics, record_key, version, ce_type, severity, payload, event_time, created_at,
        parked_at, park_reason)
    SELECT id, topics, record_key, version, ce_type, severity, payload, event_time, created_at, parked_at, park_reason
    FROM alert_outbox_v10;
DROP TABLE alert_outbox_v10;
