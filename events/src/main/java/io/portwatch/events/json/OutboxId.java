package io.portwatch.events.json;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The {@value #HEADER} header: the id of the transactional-outbox row a record was sent from (decimal ASCII), so
 * that a service sending rows again after a crash skips what already reached the topic. registry-service and
 * alert-service both write it and read it back, each as its relay sends:
 * <ul>
 * <li>registry-service's relay is one ordered sender (one instance holds the relay lock, rows go out in id
 * order, one partition per key), so the last id it finds at the end of each knowledge partition is a high-water
 * mark: every row up to it was sent there;</li>
 * <li>alert-service's rows are sent as they are committed, by every instance and concurrently, so ids reach a
 * topic out of order; the sweeper reads each topic back from just before its oldest orphan row and skips the
 * rows whose ids it finds there.</li>
 * </ul>
 * Anyone with write access to a topic can forge the header: readers take it only from a record whose
 * CloudEvents source is their own service ({@link #sentBy}).
 */
public final class OutboxId {

    /** The header's name. */
    public static final String HEADER = "portwatch-outbox-id";

    /** Outbox ids come from a sequence (positive); rows of a migration may carry negative ones. At most 18 digits. */
    private static final Pattern ID = Pattern.compile("-?[1-9][0-9]{0,17}");

    private OutboxId() {
    }

    /** The header carrying this row id. */
    public static Header header(long id) {
        return new RecordHeader(HEADER, Long.toString(id).getBytes(StandardCharsets.UTF_8));
    }

    /** The outbox id of the record's last {@value #HEADER} header; empty when there is none or it is not an id. */
    public static OptionalLong of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        if (header == null || header.value() == null || header.value().length > 19) {
            return OptionalLong.empty();
        }
        String text = new String(header.value(), StandardCharsets.US_ASCII);
        return ID.matcher(text).matches() ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }

    /**
     * The outbox id of a record that names {@code source} as its CloudEvents source; empty for any other record
     * (another producer's, or one without a well-formed id).
     */
    public static OptionalLong sentBy(Headers headers, String source) {
        Header sourceHeader = headers.lastHeader(CloudEvent.SOURCE_HEADER);
        if (sourceHeader == null || sourceHeader.value() == null
                || !source.equals(new String(sourceHeader.value(), StandardCharsets.UTF_8))) {
            return OptionalLong.empty();
        }
        return of(headers);
    }
}
