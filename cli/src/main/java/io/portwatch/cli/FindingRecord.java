package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One record of an alert topic read as a finding change, checked as every subscriber should ({@link FindingChangeRecord}:
 * alert-service's CloudEvent of a finding-change type, whose value keeps the finding contract), with its JSON for printing.
 *
 * @param kind  the change, from the CloudEvent type ({@code opened}, {@code resolved}, ...)
 * @param json  the value as it was sent, for printing
 * @param event the value as a finding change
 */
record FindingRecord(String kind, JsonNode json, FindingEvent event) {

    /**
     * Reads a record of an alert topic.
     *
     * @throws MalformedEventException saying why the record is not a finding change
     */
    static FindingRecord read(ConsumerRecord<String, byte[]> record) {
        FindingChangeRecord change = FindingChangeRecord.read(record);
        return new FindingRecord(change.kind(), json(record.value()), change.event());
    }

    private static JsonNode json(byte[] value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("a value that was read as a FindingEvent is JSON", e);
        }
    }
}
