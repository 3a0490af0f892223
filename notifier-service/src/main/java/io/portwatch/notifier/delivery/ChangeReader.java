package io.portwatch.notifier.delivery;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks a record of an alert topic where it enters the notifier: its size, that it is a finding change with the
 * fields every output needs, and that its id is printable. A record that fails is parked, never delivered.
 */
@ApplicationScoped
public class ChangeReader {

    private final int maxRecordBytes;

    public ChangeReader(NotifierConfig config) {
        this.maxRecordBytes = config.maxRecordBytes();
    }

    /**
     * Decodes a record.
     *
     * @throws MalformedEventException naming what is wrong with it
     */
    public Change read(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value();
        if (value != null && value.length > maxRecordBytes) {
            throw new MalformedEventException("record of " + value.length + " bytes, more than " + maxRecordBytes);
        }
        FindingEvent event = EventJson.fromBytes(value, FindingEvent.class);
        if (event.findingId() == null || event.rule() == null || event.severity() == null || event.state() == null) {
            throw new MalformedEventException("a finding change needs findingId, rule, severity and state");
        }
        if (event.findingId().length() > ContractLimits.NAME || ControlCharacters.present(event.findingId())) {
            throw new MalformedEventException("findingId is longer than " + ContractLimits.NAME + " or holds control characters");
        }
        return new Change(record, event);
    }
}
