package io.portwatch.events.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The transport protocols of the IANA registry; written in lower case on the wire ({@code tcp}). */
public enum Transport {
    TCP, UDP, SCTP, DCCP;

    /** {@link #values()} once: each call of it copies the array, and every decoded listener is parsed. */
    private static final Transport[] ALL = values();

    /** Computed once: keys of every listener and finding are built from it, on the hot paths. */
    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The lower-case wire name, as in topic keys and URLs. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Parses a transport name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    @JsonCreator
    public static Transport parse(String name) {
        if (name != null) {
            String trimmed = name.trim();
            for (Transport transport : ALL) {
                if (transport.name().equalsIgnoreCase(trimmed)) {
                    return transport;
                }
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name + "': expected one of tcp, udp, sctp, dccp");
    }
}
