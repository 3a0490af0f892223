-- Analysts' standing decisions: findings that match a policy are SUPPRESSED, now and when they appear.
CREATE TABLE suppression_policy (
    id           bigserial    PRIMARY KEY,
    rule         varchar(64),                 -- null: any rule
    transport    varchar(4),                  -- null: any transport
    port         integer CHECK (port BETWEEN 0 AND 65535),  -- null: any port
    host_pattern varchar(255),                -- glob on host id or name (mac-build-*); null: any host
    process      varchar(255),                -- owning process name, ignoring case; null: any
    reason       text         NOT NULL,
    created_by   varchar(255) NOT NULL,
    created_at   timestamptz  NOT NULL
);
