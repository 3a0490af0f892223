-- Transactional outbox of the alert topics: written in the transaction that changes findings, sent
-- right after it commits, deleted once the broker acknowledged. Rows left by a crash are sent by
-- OutboxSweeper, which first reads the topic to skip the ones that did get there.
CREATE SEQUENCE alert_outbox_seq INCREMENT BY 500;
CREATE TABLE alert_outbox (
    id         bigint       PRIMARY KEY,
    topic      varchar(249) NOT NULL,
    record_key varchar(64)  NOT NULL,                     -- finding id
    version    bigint       NOT NULL,                     -- finding version
    ce_type    varchar(64)  NOT NULL,
    severity   varchar(16)  NOT NULL,
    payload    text         NOT NULL,
    event_time timestamptz  NOT NULL,
    created_at timestamptz  NOT NULL
);
