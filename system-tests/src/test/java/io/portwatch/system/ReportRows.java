package io.portwatch.system;

import io.portwatch.testing.LocalScripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * A system test's figures for bench/RESULTS.md: tab-separated rows appended to a file as the test goes, which a
 * {@code bench/*-report.sh} script turns into the test's section when it ends (even after a failure, the rows so
 * far). Tabs and line breaks inside a cell become spaces.
 */
final class ReportRows {

    private final Path file;
    private final String script;
    private int rows;

    /**
     * @param file   where the rows go, e.g. {@code target/fault-tolerance.tsv}
     * @param script the script that writes the section, from the repository root, e.g. {@code bench/fault-report.sh}
     */
    ReportRows(Path file, String script) {
        this.file = file;
        this.script = script;
    }

    void reset() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows = 0;
    }

    synchronized void add(String... cells) {
        String[] clean = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            clean[i] = cells[i].replaceAll("[\\t\\r\\n]", " ");
        }
        try {
            Files.writeString(file, String.join("\t", clean) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    /** Writes bench/RESULTS.md's section from the rows, when there are any. */
    void publish() {
        if (rows > 0) {
            LocalScripts.runFromRoot(script, Map.of(), file.toAbsolutePath().toString());
        }
    }
}
