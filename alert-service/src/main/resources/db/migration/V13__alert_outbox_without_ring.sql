-- The outbox ring of V11 is gone (issue 27, bench/RESULTS.md section alert-change-cost): measured against the
-- same build without it, it did not lower PostgreSQL's CPU per finding change. Acknowledged rows are deleted again,
-- set-based (one DELETE ... = ANY(?) per transaction), from one plain table, as before V11. V11 stays as it ran;
-- this undoes its schema for the databases that ran it.
--
-- What moves over: every row still to send or kept, i.e. the kept partition's (rows without a batch, parked rows)
-- and the ring's rows of batches still pending. Ring rows of acknowledged batches (not truncated yet) are left
-- behind: the broker has them. An instance of the ring's version still running while this one starts fails its
-- next transaction (alert_outbox_batch is gone) and tries it again until it is replaced: its batch's offsets stay
-- uncommitted, so its events are consumed again by this version; rows of its batches pending here are sent by the
-- sweeper, which skips what did reach the topic.
ALTER TABLE alert_outbox RENAME TO alert_outbox_ring;

CREATE TABLE alert_outbox (
    id          bigint         PRIMARY KEY,
    topics      varchar(249)[] NOT NULL,
    record_key  varchar(64)    NOT NULL,                     -- finding id
    version     bigint         NOT NULL,                     -- finding version
    ce_type     varchar(64)    NOT NULL,
    severity    varchar(16)    NOT NULL,
    payload     text           NOT NULL,
    event_time  timestamptz    NOT NULL,
    created_at  timestamptz    NOT NULL,
    parked_at   timestamptz,
    park_reason text
);

INSERT INTO alert_outbox (id, topics, record_key, version, ce_type, severity, payload, event_time, created_at,
        parked_at, park_reason)
    SELECT id, topics, record_key, version, ce_type, severity, payload, event_time, created_at, parked_at, park_reason
    FROM alert_outbox_ring
    WHERE batch IS NULL OR batch IN (SELECT batch FROM alert_outbox_batch);

DROP TABLE alert_outbox_ring;
DROP TABLE alert_outbox_batch;
