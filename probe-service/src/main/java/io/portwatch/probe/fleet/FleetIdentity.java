package io.portwatch.probe.fleet;

import io.portwatch.events.fleet.RecordSignature;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.probe.config.ProbeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Who this probe is in the fleet, once it knows: enrolled (its records signed with its key and carrying its
 * enrolled id) or, without an enrolment URL, unsigned under its configured id. Until then it is not ready, and the
 * probe produces nothing: scans wait ({@link NotEnrolledYet}), so every record carries the identity it is signed with.
 */
@ApplicationScoped
public class FleetIdentity {

    /**
     * What the probe says it is, in heartbeats.
     *
     * @param node   the node it enrolled as (its host id)
     * @param mode   HOST or NETWORK
     * @param zone   its zone
     * @param scopes network mode: the CIDRs it scans
     */
    public record Claim(String node, ProbeMode mode, String zone, List<String> scopes) {
    }

    private final ProbeIdentity configured;
    private volatile boolean ready;
    private volatile ProbeCredentials credentials;
    private RecordSignature signature;

    public FleetIdentity(ProbeIdentity configured) {
        this.configured = configured;
    }

    /** Whether the probe knows its identity (enrolled, or running unsigned by configuration). */
    public boolean ready() {
        return ready;
    }

    /** The credentials it signs with; empty while not enrolled and when it runs unsigned. */
    public Optional<ProbeCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** The probe id on its records: the enrolled one, else the configured one. */
    public String probeId() {
        ProbeCredentials enrolled = credentials;
        return enrolled == null ? configured.configuredId() : enrolled.probeId();
    }

    /** The probe as its events name it, observing in the given mode. */
    public ProbeInfo probe(ProbeMode mode) {
        return new ProbeInfo(probeId(), configured.zone(), mode);
    }

    /** Whether it signs its records as an enrolled probe of this mode. */
    public boolean enrolledAs(ProbeMode mode) {
        ProbeCredentials enrolled = credentials;
        return enrolled != null && enrolled.mode() == mode;
    }

    /** The node, mode, zone and scopes it reports in heartbeats: the enrolled ones, else the configured ones. */
    public Claim claim() {
        ProbeCredentials enrolled = credentials;
        return enrolled == null
                ? new Claim(configured.node(), configured.mode(), configured.zone(), configured.scopes())
                : new Claim(enrolled.node(), enrolled.mode(), enrolled.zone(), enrolled.scopes());
    }

    /**
     * Adds the {@value RecordSignature#PROBE_HEADER} and {@value RecordSignature#SIGNATURE_HEADER} headers for a record
     * of this topic, key and value (the bytes exactly as sent); adds nothing when the probe runs unsigned.
     */
    public synchronized void sign(String topic, String key, byte[] value, Headers headers) {
        if (signature == null) {
            return;
        }
        headers.add(RecordSignature.PROBE_HEADER, credentials.probeId().getBytes(StandardCharsets.UTF_8));
        headers.add(RecordSignature.SIGNATURE_HEADER, signature.sign(topic, key, value).getBytes(StandardCharsets.UTF_8));
    }

    /** Enrolled: from now on records carry this identity and are signed with its key. */
    synchronized void enrolled(ProbeCredentials enrolled) {
        this.signature = new RecordSignature(enrolled.key());
        this.credentials = enrolled;
        this.ready = true;
    }

    /** No enrolment configured: records carry the configured id, unsigned. */
    void unsigned() {
        this.ready = true;
    }
}
