package io.portwatch.alert.fleet;

import io.portwatch.events.fleet.RecordSignature;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * An enrolled probe as this instance holds it in memory ({@link ProbeDirectory}): what binds its records, and
 * its key's verifier. Immutable but for the verifier, whose use is serialised: the listener and heartbeat
 * consumers may verify records of one probe on two threads.
 */
public final class KnownProbe {

    private final String id;
    private final String node;
    private final ProbeMode mode;
    private final String zone;
    private final List<Cidr> scopes;
    private final ProbeStatus status;
    private final RecordSignature signature;

    KnownProbe(String id, String node, ProbeMode mode, String zone, List<Cidr> scopes, ProbeStatus status,
            RecordSignature signature) {
        this.id = id;
        this.node = node;
        this.mode = mode;
        this.zone = zone;
        this.scopes = List.copyOf(scopes);
        this.status = status;
        this.signature = signature;
    }

    /** The probe of an enrolment row, verifying with this signature (null: for naming it in findings only). */
    static KnownProbe of(ProbeEntity row, RecordSignature signature) {
        return new KnownProbe(row.probeId, row.node, row.mode, row.zone,
                row.scopes.stream().map(scope -> Cidr.parse(scope).orElseThrow()).toList(), row.status, signature);
    }

    /** Whether the signature header's value is this probe's signature of the record ({@code value}: left as it was). */
    public boolean verifies(String topic, String key, ByteBuffer value, String signatureHeader) {
        synchronized (signature) {
            return signature.verify(topic, key, value, signatureHeader);
        }
    }

    /** The same probe in another status, with the same verifier. */
    KnownProbe withStatus(ProbeStatus newStatus) {
        return new KnownProbe(id, node, mode, zone, scopes, newStatus, signature);
    }

    /** Whether this instance's copy has the same enrolment (the verifier can then be kept). */
    boolean sameEnrolment(KnownProbe other) {
        return node.equals(other.node) && mode == other.mode && zone.equals(other.zone) && scopes.equals(other.scopes);
    }

    RecordSignature signature() {
        return signature;
    }

    public String id() {
        return id;
    }

    public String node() {
        return node;
    }

    public ProbeMode mode() {
        return mode;
    }

    public String zone() {
        return zone;
    }

    public List<Cidr> scopes() {
        return scopes;
    }

    public ProbeStatus status() {
        return status;
    }

    /** The probe as findings name it. */
    public ProbeInfo info() {
        return new ProbeInfo(id, zone, mode);
    }
}
