package io.portwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows as RFC 4180 CSV (Jackson's CSV writer) with a header row, every column. Cells come from watched hosts: each is
 * made safe to print ({@link Terminal#safe}), and one a spreadsheet would run as a formula ({@code = + - @} first) is
 * prefixed with {@code '}.
 */
final class CsvOutput {

    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvOutput() {
    }

    static String of(List<Column> columns, List<JsonNode> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(column -> schema.addColumn(column.header()));
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = MAPPER.writer(schema.build()).writeValues(out)) {
            for (JsonNode row : rows) {
                Map<String, String> cells = new LinkedHashMap<>();
                columns.forEach(column -> cells.put(column.header(), cell(column.text(row))));
                writer.write(cells);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row did not fit the CSV schema", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The text made safe to print and inert for spreadsheets; empty for none. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        String safe = Terminal.safe(text);
        char first = safe.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + safe : safe;
    }
}
