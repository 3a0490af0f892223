package io.portwatch.alert.fleet;

import io.portwatch.events.listener.ProbeMode;

import java.util.List;

/**
 * The answer to an enrolment: the probe's identity and key, which it keeps and signs every record with.
 *
 * @param probeId   the probe's id ({@code p-} and 32 hex digits)
 * @param key       the probe key, base64 of {@value io.portwatch.events.fleet.RecordSignature#KEY_BYTES} bytes
 * @param algorithm how records are signed: {@code hmac-sha256}
 * @param node      as enrolled
 * @param mode      as enrolled
 * @param zone      as enrolled
 * @param scopes    as enrolled, in canonical CIDR form
 */
public record Enrolment(String probeId, String key, String algorithm, String node, ProbeMode mode, String zone,
        List<String> scopes) {
}
