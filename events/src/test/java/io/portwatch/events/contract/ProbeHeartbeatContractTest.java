package io.portwatch.events.contract;

import io.portwatch.events.fleet.ProbeHeartbeat;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.ProbeMode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeHeartbeatContractTest {

    private static final ProbeHeartbeatContract CONTRACT = new ProbeHeartbeatContract(Duration.ofMinutes(5), Duration.ofHours(1));
    private static final Instant BROKER_TIME = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void acceptsAnOrdinaryHeartbeatWhichSurvivesARoundTrip() {
        ProbeHeartbeat heartbeat = heartbeat("p-1", BROKER_TIME, 0, Duration.ofSeconds(30));

        assertThat(CONTRACT.violation("p-1", heartbeat, BROKER_TIME)).isEmpty();
        assertThat(EventJson.fromBytes(EventJson.toBytes(heartbeat), ProbeHeartbeat.class)).isEqualTo(heartbeat);
    }

    @Test
    void refusesAKeyThatIsNotTheProbeId() {
        assertThat(CONTRACT.violation("p-2", heartbeat("p-1", BROKER_TIME, 0, Duration.ofSeconds(30)), BROKER_TIME))
                .hasValue("the record key is not the probe id p-1");
    }

    @Test
    void refusesAHeartbeatFromTheFuture() {
        assertThat(CONTRACT.violation("p-1", heartbeat("p-1", Instant.parse("2100-01-01T00:00:00Z"), 0, Duration.ofSeconds(30)), BROKER_TIME))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("sentAt 2100-01-01T00:00:00Z is more than PT5M after"));
    }

    @Test
    void refusesNegativeCountsAndHugeIntervals() {
        assertThat(CONTRACT.violation("p-1", heartbeat("p-1", BROKER_TIME, -1, Duration.ofSeconds(30)), BROKER_TIME))
                .hasValue("bufferedEvents and lastScanDurationMs are never negative");
        assertThat(CONTRACT.violation("p-1", heartbeat("p-1", BROKER_TIME, 0, Duration.ofDays(2)), BROKER_TIME))
                .hasValue("interval PT48H is longer than PT24H");
    }

    @Test
    void refusesControlCharactersInTheVersion() {
        ProbeHeartbeat heartbeat = new ProbeHeartbeat("p-1", "1.0\u001b[2J", "node-a", "lab", ProbeMode.HOST, List.of(), BROKER_TIME,
                Duration.ofSeconds(30), null, null, 0);
        assertThat(CONTRACT.violation("p-1", heartbeat, BROKER_TIME)).hasValue("version holds a control character");
    }

    private static ProbeHeartbeat heartbeat(String probeId, Instant sentAt, long buffered, Duration interval) {
        return new ProbeHeartbeat(probeId, "1.0", "node-a", "lab", ProbeMode.NETWORK, List.of("127.0.0.0/8"), sentAt, interval,
                sentAt.minusSeconds(5), 1200L, buffered);
    }
}
