package io.portwatch.events.knowledge;

/** What Portwatch knows of the service registered on a port. */
public enum ServiceStatus {
    /** Assigned and in current use. */
    ACTIVE,
    /** Assigned, but the product behind it is gone or no longer maintained. */
    LEGACY,
    /** Assigned, and its owner discourages or has withdrawn its use. */
    DEPRECATED,
    /** Never assigned by IANA. */
    UNASSIGNED,
    /** Reserved by IANA and not to be used. */
    RESERVED
}
