package io.portwatch.events.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The JSON form of Portwatch's events: ISO-8601 instants, unknown fields ignored so that old
 * readers accept newer writers' records.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private EventJson() {
    }

    /** Applies Portwatch's event settings to a mapper (services pass Quarkus' own). */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("portwatch-instants").addDeserializer(Instant.class, new CanonicalInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A mapper with the event settings, for code outside a Quarkus application. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serializes an event to UTF-8 JSON. */
    public static byte[] toBytes(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an event from UTF-8 JSON.
     *
     * @throws MalformedEventException when the bytes are not JSON of that record (JSON {@code null} included)
     */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        return fromBytes(json == null ? null : ByteBuffer.wrap(json), type);
    }

    /**
     * Reads an event from the UTF-8 JSON between a buffer's position and limit, in place when the buffer has an
     * accessible array (as Kafka's consumer hands a record's value over), leaving the buffer as it was.
     *
     * @throws MalformedEventException when the bytes are not JSON of that record (JSON {@code null} included)
     */
    public static <T> T fromBytes(ByteBuffer json, Class<T> type) {
        if (json == null) {
            throw new MalformedEventException("no value: a " + type.getSimpleName() + " was expected");
        }
        try {
            T value = json.hasArray() ? MAPPER.readValue(json.array(), json.arrayOffset() + json.position(), json.remaining(), type)
                    : MAPPER.readValue(new ByteBufferBackedInputStream(json.duplicate()), type);
            if (value == null) {
                throw new MalformedEventException("the value is JSON null, not a " + type.getSimpleName());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
