package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One column of a listing.
 *
 * @param header   its heading
 * @param value    its text for a row (null: nothing; a table shows {@code -}); printed made safe ({@link Terminal#safe})
 * @param wideOnly whether only {@code -o wide} and {@code -o csv} show it
 * @param style    colours a cell: (the raw value, the padded safe text) to what is printed
 */
record Column(String header, Function<JsonNode, String> value, boolean wideOnly, BiFunction<String, String, String> style) {

    /** A column of plain text that every table shows. */
    static Column of(String header, Function<JsonNode, String> value) {
        return new Column(header, value, false, (raw, text) -> text);
    }

    /** A column of plain text that only wide tables and CSV show. */
    static Column wide(String header, Function<JsonNode, String> value) {
        return new Column(header, value, true, (raw, text) -> text);
    }

    /** This column with its cells coloured. */
    Column styled(BiFunction<String, String, String> colouring) {
        return new Column(header, value, wideOnly, colouring);
    }

    /** The row's text in this column, or null. */
    String text(JsonNode row) {
        String text = value.apply(row);
        return text == null || text.isEmpty() ? null : text;
    }

    /** The text of a JSON field, or null when it is missing or null. */
    static String field(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
