package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows as a table whose columns are as wide as their longest cell, so that no value (a host id least of all) is ever
 * cut; every cell is made safe to print first, and widths are measured on what is printed.
 */
final class Table {

    private static final String GAP = "  ";

    private Table() {
    }

    /** The columns a table shows (not {@code -o wide}): those that are not wide-only. */
    static List<Column> narrow(List<Column> columns) {
        return columns.stream().filter(column -> !column.wideOnly()).toList();
    }

    /** The header line and one line per row. */
    static List<String> render(List<Column> columns, List<JsonNode> rows) {
        List<List<String>> cells = rows.stream().map(row -> columns.stream().map(column -> cell(column, row)).toList()).toList();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).header().length();
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(Terminal.bold(header(columns, widths)));
        for (int r = 0; r < rows.size(); r++) {
            lines.add(line(columns, widths, rows.get(r), cells.get(r)));
        }
        return lines;
    }

    /** The header of columns of these widths (for a stream of rows whose widths cannot be known in advance). */
    static String header(List<Column> columns, int[] widths) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            parts.add(last(columns, i) ? columns.get(i).header() : pad(columns.get(i).header(), widths[i]));
        }
        return String.join(GAP, parts);
    }

    /** One row in columns at least this wide: a longer cell widens its column for this row, never is cut. */
    static String line(List<Column> columns, int[] widths, JsonNode row) {
        return line(columns, widths, row, columns.stream().map(column -> cell(column, row)).toList());
    }

    private static String line(List<Column> columns, int[] widths, JsonNode row, List<String> cells) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String text = last(columns, i) ? cells.get(i) : pad(cells.get(i), widths[i]);
            parts.add(column.style().apply(column.value().apply(row), text));
        }
        return String.join(GAP, parts);
    }

    private static String cell(Column column, JsonNode row) {
        String text = column.text(row);
        return text == null ? "-" : Terminal.safe(text);
    }

    private static boolean last(List<Column> columns, int i) {
        return i == columns.size() - 1;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
