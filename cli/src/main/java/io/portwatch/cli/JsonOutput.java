package io.portwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.portwatch.events.json.EventJson;

/**
 * JSON as the CLI prints it ({@code --json}): Jackson escapes C0 controls already; this also escapes DEL, the C1
 * controls (U+0080-U+009F, e.g. U+009B which some terminals obey as CSI) and the bidirectional overrides and
 * isolates as {@code \}{@code uXXXX}, so the output stays the same JSON and cannot drive the terminal it lands on.
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = safe(EventJson.mapper().copy());
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    private static final ObjectWriter LINE = MAPPER.writer();

    private JsonOutput() {
    }

    /** The JSON indented, for one document. */
    static String pretty(JsonNode json) {
        return write(PRETTY, json);
    }

    /** The JSON on one line, for one record per line. */
    static String line(JsonNode json) {
        return write(LINE, json);
    }

    private static String write(ObjectWriter writer, JsonNode json) {
        try {
            return writer.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectMapper safe(ObjectMapper mapper) {
        mapper.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
        return mapper;
    }

    /** Escapes DEL, C1 controls and bidirectional controls on top of JSON's own escapes. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {

        private final int[] ascii;

        TerminalSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            boolean c1 = ch >= 0x80 && ch <= 0x9F;
            boolean bidi = ch >= 0x202A && ch <= 0x202E || ch >= 0x2066 && ch <= 0x2069;
            return c1 || bidi ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
