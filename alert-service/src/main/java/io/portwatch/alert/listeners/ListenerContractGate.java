package io.portwatch.alert.listeners;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.events.contract.ListenerEventContract;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where {@code portwatch.listeners} records enter: refuses what breaks the event contract before anything
 * is decoded or judged (no value, a value over the size limit, a record timestamp ahead of this clock, a
 * SNAPSHOT fingerprint whose host is not the key or whose time is out of the window) and binds the rest of
 * the contract ({@link ListenerEventContract}: lengths, control characters, listener count, time window,
 * key = host id) to the record, checked when it is decoded. A repeated SNAPSHOT recognised by its
 * fingerprint is never decoded: its content is byte for byte that of one decoded and checked before.
 */
@ApplicationScoped
public class ListenerContractGate {

    private final ListenerEventContract contract;
    private final int maxRecordBytes;
    private final Duration futureSkew;
    private final Clock clock;

    @Inject
    public ListenerContractGate(AlertConfig config) {
        this(config.contract(), Clock.systemUTC());
    }

    ListenerContractGate(AlertConfig.Contract config, Clock clock) {
        this.contract = new ListenerEventContract(config.maxListeners(), config.futureSkew(), config.maxAge());
        this.maxRecordBytes = config.maxRecordBytes();
        this.futureSkew = config.futureSkew();
        this.clock = clock;
    }

    /** Checks a polled record, marking its value malformed where it breaks the contract. */
    void admit(ConsumerRecord<String, ?> record, ListenerRecord value) {
        if (value.json() == null) {
            value.refuse("no value: a listener record is never a tombstone");
            return;
        }
        if (value.json().length > maxRecordBytes) {
            value.refuse("the value is " + value.json().length + " bytes, more than " + maxRecordBytes);
            return;
        }
        Instant brokerTime = Instant.ofEpochMilli(record.timestamp());
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME && brokerTime.isAfter(clock.instant().plus(futureSkew))) {
            value.refuse("the record's timestamp " + brokerTime + " is more than " + futureSkew + " after this consumer's clock");
            return;
        }
        value.fingerprint().ifPresent(fingerprint -> {
            if (!fingerprint.hostId().equals(record.key())) {
                value.refuse("the record key is not the host id " + fingerprint.hostId());
            } else {
                contract.timeViolation(fingerprint.observedAt(), brokerTime).ifPresent(value::refuse);
            }
        });
        value.checkedBy(event -> contract.violation(record.key(), event, brokerTime));
    }
}
