package io.portwatch.notifier.delivery;

import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.json.MalformedEventException;
import io.portwatch.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks a record of an alert topic where it enters the notifier: its size, then that it is alert-service's finding
 * change as every subscriber checks it ({@link FindingChangeRecord}: CloudEvents source and type, and the shared
 * {@code FindingEventContract}). A record that fails is parked unread, never delivered.
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
        return new Change(record, FindingChangeRecord.read(record).event());
    }
}
