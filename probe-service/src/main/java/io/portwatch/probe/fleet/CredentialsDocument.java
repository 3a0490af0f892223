package io.portwatch.probe.fleet;

import io.portwatch.events.listener.ProbeMode;

import java.util.List;

/**
 * Credentials as JSON: alert-service's answer to an enrolment ({@code 201}), and the state file's content.
 *
 * @param probeId   the probe id
 * @param key       the probe key, base64 of 32 bytes
 * @param algorithm {@value #ALGORITHM}
 * @param node      the node enrolled as
 * @param mode      HOST or NETWORK
 * @param zone      the zone
 * @param scopes    network mode: the CIDRs enrolled with
 */
record CredentialsDocument(String probeId, String key, String algorithm, String node, ProbeMode mode, String zone,
        List<String> scopes) {

    /** The only signing algorithm a probe key is for. */
    static final String ALGORITHM = "hmac-sha256";

    /** The document of these credentials. */
    static CredentialsDocument of(ProbeCredentials credentials) {
        return new CredentialsDocument(credentials.probeId(), credentials.encodedKey(), ALGORITHM, credentials.node(),
                credentials.mode(), credentials.zone(), credentials.scopes());
    }

    /** The credentials this document holds. @throws IllegalArgumentException naming what is missing or malformed */
    ProbeCredentials credentials() {
        if (!ALGORITHM.equals(algorithm)) {
            throw new IllegalArgumentException("algorithm is not " + ALGORITHM);
        }
        return new ProbeCredentials(probeId, ProbeCredentials.decodeKey(key), node, mode, zone, scopes);
    }
}
