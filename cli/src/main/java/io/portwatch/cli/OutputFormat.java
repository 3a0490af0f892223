package io.portwatch.cli;

/** How a listing is printed ({@code -o}): a table sized to its content, the same with every column, or data for scripts. */
public enum OutputFormat {
    /** The main columns, each as wide as its longest cell. */
    TABLE,
    /** Every column. */
    WIDE,
    /** The API's JSON. */
    JSON,
    /** The API's JSON as YAML. */
    YAML,
    /** Every column as RFC 4180 CSV with a header row. */
    CSV
}
