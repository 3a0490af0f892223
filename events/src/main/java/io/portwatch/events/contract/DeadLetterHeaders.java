package io.portwatch.events.contract;

/**
 * Headers a dead-lettered record carries besides its own (key, value and headers stay exactly as received):
 * why, and where it was read from.
 */
public final class DeadLetterHeaders {

    /** Why the record was refused, one line. */
    public static final String REASON = "dlq-reason";
    /** The topic it was read from. */
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    /** The partition it was read from. */
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    /** Its offset there. */
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    private DeadLetterHeaders() {
    }
}
