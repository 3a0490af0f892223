package io.portwatch.events.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads instants written in Portwatch's canonical form with {@link IsoInstants}; any other value goes to
 * the JavaTimeModule's own deserializer, with its leniency and its errors.
 */
final class CanonicalInstantDeserializer extends StdScalarDeserializer<Instant> {

    CanonicalInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = IsoInstants.canonical(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.INSTANT.deserialize(parser, context);
    }
}
