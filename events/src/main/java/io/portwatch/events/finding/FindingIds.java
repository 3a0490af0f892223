package io.portwatch.events.finding;

import io.portwatch.events.knowledge.PortKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable finding ids: the same host, transport, port and rule always give the same id, on any
 * instance and after any restart, so a finding is upserted rather than raised twice.
 */
public final class FindingIds {

    private static final int ID_BYTES = 16;

    private FindingIds() {
    }

    /** A 32-hex-digit id: the first 128 bits of SHA-256 over host id, transport, port and rule id. */
    public static String of(String hostId, PortKey port, String ruleId) {
        return digest(String.join("\n", hostId, port.transport().wireName(), Integer.toString(port.port()), ruleId));
    }

    /** The id of a fleet finding about a probe: the first 128 bits of SHA-256 over {@code probe}, probe id and rule id. */
    public static String ofProbe(String probeId, String ruleId) {
        return digest(String.join("\n", "probe", probeId, ruleId));
    }

    private static String digest(String material) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
