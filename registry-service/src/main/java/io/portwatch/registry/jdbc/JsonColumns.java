package io.portwatch.registry.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.portwatch.events.json.EventJson;

/** JSON columns written and read with the events' mapper, so stored JSON is event JSON. */
public final class JsonColumns {

    private JsonColumns() {
    }

    /** The JSON text of a value, or null for null. */
    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** The value of a JSON text, or null for null. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
