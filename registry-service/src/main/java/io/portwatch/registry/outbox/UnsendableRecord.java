package io.portwatch.registry.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Tells a send failure that is the record's own (no retry can send it: too large, refused as invalid) from one of
 * the connection or the cluster (the broker away, a leader moving, a missing ACL), after which every record waits.
 */
final class UnsendableRecord {

    private UnsendableRecord() {
    }

    /** Whether the failure of a send is the record's own. */
    static boolean is(Throwable failure) {
        return failure instanceof RecordTooLargeException || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException;
    }
}
