package io.portwatch.events.knowledge;

/** IANA's three port ranges (RFC 6335). */
public enum PortRange {
    /** 0-1023, assigned by IETF process. */
    SYSTEM,
    /** 1024-49151, registered by IANA. */
    REGISTERED,
    /** 49152-65535, never assigned: ephemeral and private use. */
    DYNAMIC;

    public static final int MIN_PORT = 0;
    public static final int MAX_PORT = 65_535;
    private static final int FIRST_REGISTERED = 1_024;
    private static final int FIRST_DYNAMIC = 49_152;

    /** The range a port belongs to. */
    public static PortRange of(int port) {
        requireValid(port);
        if (port < FIRST_REGISTERED) {
            return SYSTEM;
        }
        return port < FIRST_DYNAMIC ? REGISTERED : DYNAMIC;
    }

    /** @throws IllegalArgumentException when {@code port} is outside 0-65535 */
    public static int requireValid(int port) {
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        return port;
    }
}
