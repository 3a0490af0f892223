package io.portwatch.alert.fleet;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.fleet.RecordSignature;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Checks the {@link RecordSignature} headers of a record a probe wrote, against the probes in
 * {@link ProbeDirectory}: a lookup and one HMAC, no query. Thread-safe. A {@code @Singleton}, injected without a client
 * proxy: it is called for every listener record (bench/RESULTS.md, alert-cpu-11).
 */
@Singleton
public class RecordVerifier {

    private final ProbeDirectory directory;

    public RecordVerifier(ProbeDirectory directory) {
        this.directory = directory;
    }

    /**
     * What the record's headers prove of who wrote its value ({@code value}: as received, between the buffer's position
     * and limit, left as it was; null for none).
     */
    public Verification verify(ConsumerRecord<String, ?> record, ByteBuffer value) {
        Header probeHeader = null;
        Header signatureHeader = null;
        int probeHeaders = 0;
        int signatureHeaders = 0;
        for (Header header : record.headers()) {
            if (RecordSignature.PROBE_HEADER.equals(header.key())) {
                probeHeader = header;
                probeHeaders++;
            } else if (RecordSignature.SIGNATURE_HEADER.equals(header.key())) {
                signatureHeader = header;
                signatureHeaders++;
            }
        }
        if (probeHeaders == 0 && signatureHeaders == 0) {
            return Verification.UNSIGNED;
        }
        if (probeHeaders != 1 || signatureHeaders != 1 || probeHeader.value() == null || signatureHeader.value() == null) {
            return Verification.refused("unsigned: the record needs exactly one " + RecordSignature.PROBE_HEADER
                    + " and one " + RecordSignature.SIGNATURE_HEADER + " header");
        }
        String probeId = new String(probeHeader.value(), StandardCharsets.UTF_8);
        KnownProbe probe = probeId.length() > ContractLimits.NAME ? null : directory.find(probeId).orElse(null);
        String named = ControlCharacters.escapeAndCut(probeId, ContractLimits.NAME);
        if (probe == null) {
            return Verification.refused("unknown probe: " + named + " is not enrolled here");
        }
        if (probe.status() == ProbeStatus.REVOKED) {
            return Verification.refused("revoked probe: " + named);
        }
        String signature = new String(signatureHeader.value(), StandardCharsets.UTF_8);
        if (!probe.verifies(record.topic(), record.key(), value, signature)) {
            return Verification.refused("bad signature: the record is not signed with the key of probe " + named);
        }
        return Verification.signedBy(probe);
    }
}
