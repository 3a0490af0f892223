package io.portwatch.alert.listeners;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.fleet.RecordVerifier;
import io.portwatch.events.Topics;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code portwatch.alert.require-signed-events=true} the gate refuses a record without signature headers
 * before it is decoded; with false (the in-process tests' setting) it lets it through to the contract.
 */
@QuarkusTest
class SignedEventsRequiredTest {

    @Inject
    AlertConfig config;

    @Inject
    RecordVerifier verifier;

    @Test
    void anUnsignedRecordIsRefusedWhenSignaturesAreRequired() {
        ListenerRecord value = admit(true);

        assertThat(value.malformed()).contains("unsigned: this service takes only records signed by an enrolled probe");
        assertThat(value.event()).isEmpty();
    }

    @Test
    void anUnsignedRecordIsAdmittedWhenSignaturesAreNotRequired() {
        ListenerRecord value = admit(false);

        assertThat(value.event()).isPresent();
        assertThat(value.malformed()).isEmpty();
        assertThat(value.signer()).isEmpty();
    }

    private ListenerRecord admit(boolean required) {
        ListenerContractGate gate = new ListenerContractGate(config.contract(), verifier, required, Clock.systemUTC());
        byte[] json = EventJson.toBytes(Fixtures.event(ListenerEventType.OPENED, "unsigned-host",
                Fixtures.listener(new PortKey(Transport.TCP, 22), "0.0.0.0", Exposure.ALL_INTERFACES)));
        ConsumerRecord<String, ListenerRecord> record = new ConsumerRecord<>(Topics.LISTENERS, 0, 0L, System.currentTimeMillis(),
                TimestampType.LOG_APPEND_TIME, 0, json.length, "unsigned-host",
                new PolledRecords().of("unsigned-host", json), new RecordHeaders(), Optional.empty());
        ListenerRecord value = record.value();
        gate.admit(List.of(record), List.of(value));
        return value;
    }
}
