package io.portwatch.alert.findings;

import io.portwatch.events.json.EventJson;
import io.quarkus.hibernate.orm.JsonFormat;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import org.hibernate.type.format.jackson.JacksonJsonFormatMapper;

/**
 * Stores the JSON columns of findings (host, listener, knowledge) exactly as the events carry them,
 * with the events module's mapper rather than the REST layer's.
 */
@JsonFormat
@PersistenceUnitExtension
public class EventJsonFormatMapper implements FormatMapper {

    private final FormatMapper delegate = new JacksonJsonFormatMapper(EventJson.mapper());

    @Override
    public <T> T fromString(CharSequence text, JavaType<T> type, WrapperOptions options) {
        return delegate.fromString(text, type, options);
    }

    @Override
    public <T> String toString(T value, JavaType<T> type, WrapperOptions options) {
        return delegate.toString(value, type, options);
    }
}
