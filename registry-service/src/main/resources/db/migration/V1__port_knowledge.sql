-- What Portwatch knows of each transport/port, in two layers: IANA's registration (replaced by every
-- import) and the curated risk knowledge (curated.json and admin updates), which an import never touches.
CREATE TABLE port_knowledge (
    port_key   varchar(11) PRIMARY KEY,               -- tcp/3283, the knowledge topic's key
    transport  varchar(4)  NOT NULL CHECK (transport IN ('tcp', 'udp', 'sctp', 'dccp')),
    port       integer     NOT NULL CHECK (port BETWEEN 0 AND 65535),
    iana       jsonb,                                 -- IanaEntry; null when IANA has no row for it
    curation   jsonb,                                 -- Curation; null when nobody curated it
    version    bigint      NOT NULL,                  -- increments with every change of the knowledge
    updated_at timestamptz NOT NULL,
    UNIQUE (transport, port)
);

-- Every change: who, when, from where, and the knowledge before and after (null for none).
CREATE TABLE knowledge_history (
    id         bigserial    PRIMARY KEY,
    port_key   varchar(11)  NOT NULL,
    version    bigint       NOT NULL,
    changed_at timestamptz  NOT NULL,
    changed_by varchar(255) NOT NULL,
    source     varchar(32)  NOT NULL,                 -- iana-import, curated-file, admin
    before     jsonb,
    after      jsonb
);
CREATE INDEX knowledge_history_port_key ON knowledge_history (port_key, id);

-- Transactional outbox of the knowledge topic: written in the same transaction as the change,
-- sent in id order by OutboxRelay, deleted once the broker acknowledged it. Null payload: tombstone.
CREATE TABLE knowledge_outbox (
    id         bigserial   PRIMARY KEY,
    port_key   varchar(11) NOT NULL,
    version    bigint      NOT NULL,
    payload    jsonb,
    created_at timestamptz NOT NULL
);

-- One row per IANA import, with its counts.
CREATE TABLE iana_import (
    id           bigserial    PRIMARY KEY,
    started_at   timestamptz  NOT NULL,
    finished_at  timestamptz  NOT NULL,
    triggered_by varchar(255) NOT NULL,
    file_sha256  varchar(64)  NOT NULL,
    rows_read    integer      NOT NULL,
    entries      integer      NOT NULL,
    inserted     integer      NOT NULL,
    updated      integer      NOT NULL,
    unchanged    integer      NOT NULL,
    withdrawn    integer      NOT NULL
);

-- The curated knowledge files applied, so a restart doesn't re-apply one over admins' later updates.
CREATE TABLE curated_import (
    file_sha256 varchar(64)  PRIMARY KEY,
    revision    varchar(64)  NOT NULL,
    applied_at  timestamptz  NOT NULL
);
