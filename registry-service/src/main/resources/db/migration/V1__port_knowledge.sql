-- What Portwatch knows of each transport/port: IANA's registration plus curated risk knowledge.
CREATE TABLE port_knowledge (
    port_key              varchar(11)  PRIMARY KEY,            -- tcp/3283, the knowledge topic's key
    transport             varchar(4)   NOT NULL CHECK (transport IN ('tcp', 'udp', 'sctp', 'dccp')),
    port                  integer      NOT NULL CHECK (port BETWEEN 0 AND 65535),
    service_name          varchar(255),
    aliases               text[]       NOT NULL DEFAULT '{}',
    description           text,
    status                varchar(16)  NOT NULL,
    risk                  varchar(16)  NOT NULL,
    threats               text[]       NOT NULL DEFAULT '{}',
    expected_processes    text[]       NOT NULL DEFAULT '{}',
    related_ports         integer[]    NOT NULL DEFAULT '{}',
    amplification_factor  double precision,
    plaintext_credentials boolean      NOT NULL DEFAULT false,
    remediation           text,
    reference_urls        text[]       NOT NULL DEFAULT '{}',
    version               bigint       NOT NULL,
    updated_at            timestamptz  NOT NULL,
    UNIQUE (transport, port)
);

CREATE INDEX port_knowledge_service_name ON port_knowledge (lower(service_name));
CREATE INDEX port_knowledge_port ON port_knowledge (port);
