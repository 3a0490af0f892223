-- One row per finding: the same host, transport, port and rule always share one id (events FindingIds).
CREATE TABLE finding (
    finding_id   varchar(32)  PRIMARY KEY,
    rule         varchar(64)  NOT NULL,
    host_id      varchar(255) NOT NULL,
    transport    varchar(4)   NOT NULL,
    port         integer      NOT NULL CHECK (port BETWEEN 0 AND 65535),
    severity     varchar(16)  NOT NULL,
    severity_rank smallint    NOT NULL,                 -- INFO 0 .. CRITICAL 4, for ordering
    state        varchar(16)  NOT NULL,
    host         jsonb        NOT NULL,
    listener     jsonb        NOT NULL,
    knowledge    jsonb        NOT NULL,
    title        text         NOT NULL,
    description  text         NOT NULL,
    remediation  text,
    reference_urls text[]     NOT NULL DEFAULT '{}',
    first_seen   timestamptz  NOT NULL,
    last_seen    timestamptz  NOT NULL,
    seen_count   bigint       NOT NULL DEFAULT 1,
    version      bigint       NOT NULL
);

CREATE INDEX finding_host_port ON finding (host_id, transport, port);
CREATE INDEX finding_state_severity ON finding (state, severity);
CREATE INDEX finding_order ON finding (severity_rank DESC, last_seen DESC);

-- Every change of every finding: what it became, when, and why.
CREATE TABLE finding_history (
    finding_id  varchar(32)  NOT NULL REFERENCES finding (finding_id),
    version     bigint       NOT NULL,
    state       varchar(16)  NOT NULL,
    severity    varchar(16)  NOT NULL,
    changed_at  timestamptz  NOT NULL,
    reason      text         NOT NULL,
    PRIMARY KEY (finding_id, version)
);
