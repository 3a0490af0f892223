package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Prints a listing in the format asked for: the API's document as JSON or YAML, the rows as CSV, or a table sized to
 * its content. What a command answers (its exit code) never depends on the format.
 */
final class Listing {

    private Listing() {
    }

    /**
     * @param format   the format
     * @param document what the API answered (JSON and YAML print it whole)
     * @param rows     the listing's rows
     * @param columns  every column; a table leaves out the wide-only ones
     * @param noun     what the rows are, plural ({@code findings}), for the line a table prints when there are none
     */
    static void print(OutputFormat format, JsonNode document, List<JsonNode> rows, List<Column> columns, String noun) {
        switch (format) {
            case JSON -> System.out.println(JsonOutput.pretty(document));
            case YAML -> System.out.print(YamlOutput.of(document));
            case CSV -> System.out.print(CsvOutput.of(columns, rows));
            case TABLE, WIDE -> {
                if (rows.isEmpty()) {
                    System.out.println("no " + noun);
                    return;
                }
                Table.render(format == OutputFormat.WIDE ? columns : Table.narrow(columns), rows).forEach(System.out::println);
            }
        }
    }

    /** Whether the format is a table, where a dimmed summary line follows the rows. */
    static boolean table(OutputFormat format) {
        return format == OutputFormat.TABLE || format == OutputFormat.WIDE;
    }

    /** The exit code of a listing: nothing found is 1 in every format. */
    static int exitCode(List<JsonNode> rows) {
        return rows.isEmpty() ? ExitCodes.NOT_FOUND : ExitCodes.OK;
    }
}
