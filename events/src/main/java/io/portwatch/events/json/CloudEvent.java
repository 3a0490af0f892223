package io.portwatch.events.json;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The CloudEvents 1.0 attributes of a Kafka record in binary content mode: {@code ce_specversion},
 * {@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time} and {@code content-type} headers.
 * The services write them through SmallRye Reactive Messaging's CloudEvents support; subscribers
 * read them with {@link #from(Headers)}.
 *
 * @param specVersion always {@value #SPEC_VERSION}
 * @param id          unique event id
 * @param source      the producing service, e.g. {@code /portwatch/alert-service}
 * @param type        e.g. {@code portwatch.finding.opened}
 * @param time        when it happened, or null
 * @param contentType {@value #JSON}
 */
public record CloudEvent(String specVersion, String id, String source, String type, Instant time, String contentType) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    public static final String SPEC_VERSION_HEADER = "ce_specversion";
    public static final String ID_HEADER = "ce_id";
    public static final String SOURCE_HEADER = "ce_source";
    public static final String TYPE_HEADER = "ce_type";
    public static final String TIME_HEADER = "ce_time";
    public static final String CONTENT_TYPE_HEADER = "content-type";

    /**
     * Reads the attributes from a record's headers.
     *
     * @throws MalformedEventException when a required attribute is missing or the time is not ISO-8601
     */
    public static CloudEvent from(Headers headers) {
        String time = text(headers, TIME_HEADER);
        try {
            return new CloudEvent(required(headers, SPEC_VERSION_HEADER), required(headers, ID_HEADER),
                    required(headers, SOURCE_HEADER), required(headers, TYPE_HEADER),
                    time == null ? null : Instant.parse(time), text(headers, CONTENT_TYPE_HEADER));
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("header " + TIME_HEADER + " is not an ISO-8601 time: " + time, e);
        }
    }

    /** Adds these attributes to a record's headers. */
    public Headers writeTo(Headers headers) {
        add(headers, SPEC_VERSION_HEADER, specVersion);
        add(headers, ID_HEADER, id);
        add(headers, SOURCE_HEADER, source);
        add(headers, TYPE_HEADER, type);
        add(headers, TIME_HEADER, time == null ? null : time.toString());
        add(headers, CONTENT_TYPE_HEADER, contentType);
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null) {
            throw new MalformedEventException("not a CloudEvent: header " + name + " is missing");
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
