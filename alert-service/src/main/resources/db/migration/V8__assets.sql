-- Assets: the machine a finding is on. A host-mode probe's node, and each namespace under it, claims its
-- addresses in its zone for the node; a network probe's finding on <address>@<zone> joins the node that alone
-- claims that address there (issue 21, fleet.md).
CREATE TABLE asset_address (
    asset_id  varchar(255) NOT NULL,                 -- the node's host id
    host_id   varchar(255) NOT NULL,                 -- the host that claims it: the node, or <node>/...
    zone      varchar(255) NOT NULL,                 -- the zone of the probe that reported the host
    address   varchar(45)  NOT NULL,                 -- canonical (events Addresses); never loopback or link-local
    PRIMARY KEY (zone, address, host_id)
);
CREATE INDEX asset_address_asset ON asset_address (asset_id);

-- The asset of each finding: the node for a host-mode host, the joined node or the host id for a network host.
ALTER TABLE finding ADD COLUMN asset varchar(255);
UPDATE finding SET asset = CASE
    WHEN host ->> 'node' IS NOT NULL THEN host ->> 'node'
    WHEN position('/' IN host_id) > 0 THEN split_part(host_id, '/', 1)
    ELSE host_id END;
CREATE INDEX finding_asset ON finding (asset);
