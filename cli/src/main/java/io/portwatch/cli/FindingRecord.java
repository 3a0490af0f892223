package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One record of an alert topic read as a finding change, checked as every subscriber should: a CloudEvent whose
 * value is a {@link FindingEvent} with its ids and names present where required (a fleet finding has no listener), at most {@link ContractLimits#NAME}
 * characters and free of control characters, and a version that is not negative.
 *
 * @param kind  the change, from the CloudEvent type ({@code opened}, {@code resolved}, ...)
 * @param json  the value as it was sent, for printing
 * @param event the value as a finding change
 */
record FindingRecord(String kind, JsonNode json, FindingEvent event) {

    private static final String TYPE_PREFIX = "portwatch.finding.";

    /**
     * Reads a record of an alert topic.
     *
     * @throws MalformedEventException saying why the record is not a finding change
     */
    static FindingRecord read(ConsumerRecord<String, byte[]> record) {
        CloudEvent cloudEvent = CloudEvent.from(record.headers());
        FindingEvent event = EventJson.fromBytes(record.value(), FindingEvent.class);
        if (event == null) {
            throw new MalformedEventException("the value is JSON null, not a FindingEvent");
        }
        name("findingId", event.findingId(), true);
        name("rule", event.rule(), true);
        required("severity", event.severity());
        required("state", event.state());
        required("host", event.host());
        name("host.id", event.host().id(), true);
        name("host.name", event.host().name(), false);
        name("zone", event.zone(), false);
        name("asset", event.asset(), false);
        if (event.probe() != null) {
            name("probe.id", event.probe().id(), false);
        }
        if (event.knowledge() != null) {
            name("knowledge.serviceName", event.knowledge().serviceName(), false);
        }
        if (event.version() < 0) {
            throw new MalformedEventException("version " + event.version() + " is negative");
        }
        return new FindingRecord(cloudEvent.type().replace(TYPE_PREFIX, ""), json(record.value()), event);
    }

    private static void required(String field, Object value) {
        if (value == null) {
            throw new MalformedEventException(field + " is missing");
        }
    }

    private static void name(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new MalformedEventException(field + " is missing or blank");
            }
        } else if (value.length() > ContractLimits.NAME) {
            throw new MalformedEventException(field + " is " + value.length() + " characters long, more than " + ContractLimits.NAME);
        } else if (ControlCharacters.present(value)) {
            throw new MalformedEventException(field + " holds a control character: " + ControlCharacters.escapeAndCut(value, 80));
        }
    }

    private static JsonNode json(byte[] value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a value that was read as a FindingEvent is JSON", e);
        }
    }
}
