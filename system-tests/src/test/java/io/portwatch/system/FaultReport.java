package io.portwatch.system;

import io.portwatch.testing.LocalScripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fault tests' figures: one tab-separated row per scenario in a file, which
 * {@code bench/fault-report.sh} turns into the "Fault tolerance" section of {@code bench/RESULTS.md}.
 */
final class FaultReport {

    /**
     * One scenario's figures.
     *
     * @param scenario        what was broken
     * @param listenerChanges listener opens and closes the fleet made so far
     * @param findingChanges  finding changes (findingId@version) the database holds, each expected once on the alerts topic
     * @param expected        legacy findings that must exist (every legacy listener ever opened)
     * @param found           of those, in the right state
     * @param duplicated      finding changes on the topic more than once, or not in the database
     * @param lost            findings in the wrong state plus changes missing from the topic
     * @param recovery        from the end of the disruption until everything was consumed and right
     * @param notes           what else was seen
     */
    record Row(String scenario, long listenerChanges, long findingChanges, long expected, long found, long duplicated, long lost,
            Duration recovery, String notes) {

        String tsv() {
            return String.join("\t", scenario, Long.toString(listenerChanges), Long.toString(findingChanges), Long.toString(expected),
                    Long.toString(found), Long.toString(duplicated), Long.toString(lost),
                    String.format("%.1f", recovery.toMillis() / 1000.0), notes);
        }
    }

    private final Path file;
    private final List<Row> rows = new ArrayList<>();

    FaultReport(Path file) {
        this.file = file;
    }

    void reset() {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(Row row) {
        rows.add(row);
        try {
            Files.writeString(file, row.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes bench/RESULTS.md's section from the rows, when there are any. */
    void publish() {
        if (!rows.isEmpty()) {
            LocalScripts.runFromRoot("bench/fault-report.sh", Map.of(), file.toAbsolutePath().toString());
        }
    }
}
