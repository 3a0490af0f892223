package io.portwatch.events.contract;

import io.portwatch.events.fleet.ProbeHeartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a consumer of {@code portwatch.probe-heartbeats} accepts beyond the JSON shape: the record key is the
 * probe id, every text within {@link ContractLimits} and free of control characters, at most
 * {@link ContractLimits#ADDRESSES} scopes, counts and durations not negative, an interval of at most a day, and
 * {@code sentAt} within {@code futureSkew} after and {@code maxAge} before the record's broker time.
 *
 * @param futureSkew how far a probe's clock may run ahead of the broker's
 * @param maxAge     how long a heartbeat may have waited
 */
public record ProbeHeartbeatContract(Duration futureSkew, Duration maxAge) {

    private static final Duration LONGEST_INTERVAL = Duration.ofDays(1);

    /** @throws IllegalArgumentException when a window is negative */
    public ProbeHeartbeatContract {
        if (futureSkew == null || futureSkew.isNegative() || maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("the heartbeat contract needs non-negative time windows");
        }
    }

    /** Why the heartbeat, read from a record with this key and broker timestamp, breaks the contract; empty when it keeps it. */
    public Optional<String> violation(String key, ProbeHeartbeat heartbeat, Instant brokerTime) {
        FieldCheck check = new FieldCheck()
                .requiredText("probeId", heartbeat.probeId(), ContractLimits.NAME)
                .text("version", heartbeat.version(), ContractLimits.NAME)
                .text("node", heartbeat.node(), ContractLimits.NAME)
                .text("zone", heartbeat.zone(), ContractLimits.NAME)
                .texts("scopes", heartbeat.scopes(), ContractLimits.ADDRESSES, ContractLimits.ADDRESS)
                .within("sentAt", heartbeat.sentAt(), brokerTime, futureSkew, maxAge)
                .within("lastScanAt", heartbeat.lastScanAt(), brokerTime, futureSkew, null);
        if (check.ok() && !heartbeat.probeId().equals(key)) {
            check.fail("the record key is not the probe id " + heartbeat.probeId());
        }
        if (heartbeat.bufferedEvents() < 0 || heartbeat.lastScanDurationMs() != null && heartbeat.lastScanDurationMs() < 0) {
            check.fail("bufferedEvents and lastScanDurationMs are never negative");
        }
        if (heartbeat.interval().compareTo(LONGEST_INTERVAL) > 0) {
            check.fail("interval " + heartbeat.interval() + " is longer than " + LONGEST_INTERVAL);
        }
        return check.violation();
    }
}
