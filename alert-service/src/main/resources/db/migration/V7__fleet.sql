-- The trusted fleet (docs/fleet.md): enrolled probes, and findings about probes rather than listeners.

-- One row per enrolment. The probe's key is derived from the fleet secret and the probe id, never stored.
CREATE TABLE probe (
    probe_id              varchar(64)  PRIMARY KEY,
    node                  varchar(255) NOT NULL,
    mode                  varchar(16)  NOT NULL,
    zone                  varchar(255) NOT NULL,
    scopes                text[]       NOT NULL DEFAULT '{}',
    status                varchar(16)  NOT NULL,                  -- ACTIVE, SILENT, REVOKED
    enrolled_at           timestamptz  NOT NULL,
    revoked_at            timestamptz,
    last_heartbeat        timestamptz,                            -- broker time of the last heartbeat admitted
    last_heard            timestamptz,                            -- last heartbeat, or the record that revived it: what silence is measured from
    heartbeat_interval_ms bigint,                                 -- the probe's own interval, from its heartbeats
    version               varchar(255),
    last_scan_at          timestamptz,
    last_scan_duration_ms bigint,
    buffered_events       bigint
);
-- A node is claimed once per mode and zone until it is revoked: the index, not a read before the insert, decides
-- between two instances enrolling the same node at once.
CREATE UNIQUE INDEX probe_enrolled_once ON probe (node, mode, zone) WHERE status <> 'REVOKED';

-- Fleet findings (probe-impersonation, probe-silent) have no listener, knowledge or port.
ALTER TABLE finding ALTER COLUMN listener DROP NOT NULL;
ALTER TABLE finding ALTER COLUMN knowledge DROP NOT NULL;
ALTER TABLE finding ALTER COLUMN transport DROP NOT NULL;
ALTER TABLE finding ALTER COLUMN port DROP NOT NULL;
-- The probe that reported a listener finding (or the probe a fleet finding is about); null for findings stored before.
ALTER TABLE finding ADD COLUMN probe_id varchar(255);
ALTER TABLE finding ADD COLUMN probe_mode varchar(16);
-- The state a STALE finding had before its probe went silent, to return to when the probe is heard again.
ALTER TABLE finding ADD COLUMN stale_from varchar(16);
CREATE INDEX finding_probe_active ON finding (probe_id) WHERE state <> 'RESOLVED';
