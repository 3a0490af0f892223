package io.portwatch.system;

import java.nio.file.Path;
import java.time.Duration;

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

    private final ReportRows rows;

    FaultReport(Path file) {
        this.rows = new ReportRows(file, "bench/fault-report.sh");
    }

    void reset() {
        rows.reset();
    }

    void add(Row row) {
        rows.add(row.tsv().split("\t", -1));
    }

    /** Writes bench/RESULTS.md's section from the rows, when there are any. */
    void publish() {
        rows.publish();
    }
}
