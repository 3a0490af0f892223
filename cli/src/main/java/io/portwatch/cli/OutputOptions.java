package io.portwatch.cli;

import picocli.CommandLine.Option;

/** The output options every listing takes: {@code -o table|wide|json|yaml|csv}, and {@code --json} as scripts wrote it before. */
public class OutputOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (the default: columns sized to their content), wide (every column), json, yaml or csv")
    OutputFormat format = OutputFormat.TABLE;

    @Option(names = "--json", description = "the same as -o json")
    boolean json;

    OutputFormat format() {
        return json ? OutputFormat.JSON : format;
    }

    /** Options printing in {@code format}. */
    static OutputOptions of(OutputFormat format) {
        OutputOptions options = new OutputOptions();
        options.format = format;
        return options;
    }
}
