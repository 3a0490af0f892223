package io.portwatch.alert.fleet;

/** Where an enrolled probe is: ACTIVE (heard within its heartbeat bound), SILENT (not), REVOKED (refused for good). */
public enum ProbeStatus {
    ACTIVE, SILENT, REVOKED
}
