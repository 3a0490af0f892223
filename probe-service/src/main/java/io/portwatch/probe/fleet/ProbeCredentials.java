package io.portwatch.probe.fleet;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.fleet.RecordSignature;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.ProbeMode;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The identity enrolment gave this probe: its id and key, for the node, mode and zone it enrolled as, and the
 * scopes it may scan. Checked wherever it comes from (alert-service's answer, the state file): both may be hostile.
 *
 * @param probeId the probe id, letters, digits and {@code . _ : -}, at most {@link ContractLimits#NAME} characters
 * @param key     the probe key, exactly {@link RecordSignature#KEY_BYTES} bytes
 * @param node    the node it enrolled as
 * @param mode    HOST or NETWORK
 * @param zone    the zone
 * @param scopes  network mode: the CIDRs it enrolled with; at most {@link ContractLimits#ADDRESSES}
 */
public record ProbeCredentials(String probeId, byte[] key, String node, ProbeMode mode, String zone, List<String> scopes) {

    private static final Pattern PROBE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (ContractLimits.NAME - 1) + "}");

    /** @throws IllegalArgumentException naming the first field that is missing or malformed */
    public ProbeCredentials {
        if (probeId == null || !PROBE_ID.matcher(probeId).matches()) {
            throw new IllegalArgumentException("probeId is not 1-" + ContractLimits.NAME + " letters, digits and . _ : -");
        }
        if (key == null || key.length != RecordSignature.KEY_BYTES) {
            throw new IllegalArgumentException("key is not " + RecordSignature.KEY_BYTES + " bytes");
        }
        if (!HostIds.validNode(node) || node.length() > ContractLimits.NAME || ControlCharacters.present(node)) {
            throw new IllegalArgumentException("node is not a node name");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode is missing");
        }
        if (zone == null || zone.isBlank() || zone.length() > ContractLimits.NAME || ControlCharacters.present(zone)) {
            throw new IllegalArgumentException("zone is not a zone name");
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        if (scopes.size() > ContractLimits.ADDRESSES
                || scopes.stream().anyMatch(scope -> scope.length() > ContractLimits.ADDRESS || ControlCharacters.present(scope))) {
            throw new IllegalArgumentException("scopes are more than " + ContractLimits.ADDRESSES + " or not CIDRs");
        }
        key = key.clone();
    }

    /** Reads a key in base64. @throws IllegalArgumentException when it is not base64 of {@link RecordSignature#KEY_BYTES} bytes */
    static byte[] decodeKey(String base64) {
        if (base64 == null || base64.length() > 2 * RecordSignature.KEY_BYTES) {
            throw new IllegalArgumentException("key is not base64 of " + RecordSignature.KEY_BYTES + " bytes");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("key is not base64 of " + RecordSignature.KEY_BYTES + " bytes");
        }
    }

    /** The key in base64, for the state file. */
    String encodedKey() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** Whether these credentials are for this node, mode and zone. */
    boolean isFor(String node, ProbeMode mode, String zone) {
        return this.node.equals(node) && this.mode == mode && this.zone.equals(zone);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProbeCredentials that && probeId.equals(that.probeId) && Arrays.equals(key, that.key)
                && node.equals(that.node) && mode == that.mode && zone.equals(that.zone) && scopes.equals(that.scopes);
    }

    @Override
    public int hashCode() {
        return probeId.hashCode();
    }

    /** Without the key, so that logging it never leaks the key. */
    @Override
    public String toString() {
        return "ProbeCredentials[probeId=" + probeId + ", node=" + node + ", mode=" + mode + ", zone=" + zone + ", scopes=" + scopes + "]";
    }
}
