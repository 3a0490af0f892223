package io.portwatch.events.contract;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PortKnowledgeContractTest {

    private static final Instant BROKER_TIME = Instant.parse("2026-11-30T12:00:00Z");
    private static final PortKnowledgeContract CONTRACT = new PortKnowledgeContract(Duration.ofMinutes(5));

    @Test
    void acceptsCuratedKnowledge() {
        assertThat(CONTRACT.violation("tcp/3031", knowledge("eppc", "/usr/libexec/rapportd", BROKER_TIME), BROKER_TIME)).isEmpty();
    }

    @Test
    void acceptsAnOldEntryOfTheCompactedTopic() {
        assertThat(CONTRACT.violation("tcp/3031", knowledge("eppc", "/usr/libexec/rapportd", BROKER_TIME.minus(Duration.ofDays(400))),
                BROKER_TIME)).isEmpty();
    }

    @Test
    void refusesAKeyOfAnotherPort() {
        assertThat(CONTRACT.violation("udp/3031", knowledge("eppc", "/usr/libexec/rapportd", BROKER_TIME), BROKER_TIME))
                .hasValue("the record key is not tcp/3031");
    }

    @Test
    void refusesControlCharactersInAServiceName() {
        assertThat(CONTRACT.violation("tcp/3031", knowledge("ep\u001bpc", "/usr/libexec/rapportd", BROKER_TIME), BROKER_TIME))
                .hasValue("serviceName holds a control character");
    }

    @Test
    void refusesAnUpdateDatedInTheFuture() {
        assertThat(CONTRACT.violation("tcp/3031", knowledge("eppc", "/usr/libexec/rapportd", Instant.parse("2100-01-01T00:00:00Z")),
                BROKER_TIME)).hasValueSatisfying(reason -> assertThat(reason).startsWith("updatedAt 2100-01-01T00:00:00Z is more than"));
    }

    @Test
    void refusesAnOverlongExecutablePath() {
        assertThat(CONTRACT.violation("tcp/3031", knowledge("eppc", "/" + "x".repeat(5000), BROKER_TIME), BROKER_TIME))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("expectedExecutables[0] is 5001 characters long"));
    }

    private static PortKnowledge knowledge(String serviceName, String executable, Instant updatedAt) {
        PortKey key = new PortKey(Transport.TCP, 3031);
        return new PortKnowledge(key.port(), key.transport(), serviceName, List.of(), "Remote Apple Events", PortRange.of(3031),
                ServiceStatus.LEGACY, Risk.HIGH, List.of("lateral movement"), List.of("rapportd"), List.of(executable), List.of(),
                null, false, "Turn it off", List.of("https://www.iana.org/"), 3, updatedAt);
    }
}
