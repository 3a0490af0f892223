package io.portwatch.probe.host.owners;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What tells one process from another under the same pid, and whether its descriptor table may have changed: its start
 * time ({@code /proc/<pid>/stat} field 22, in clock ticks since boot: a reused pid gets a later one) and its number of
 * open descriptors (the size the kernel reports for {@code /proc/<pid>/fd}, since Linux 6.2). The stat line holds the
 * process's own name in parentheses, which may hold anything ({@code ") 0 0"} among it), so the fields are counted from
 * the last closing parenthesis, and every field is checked to be a number.
 *
 * @param startTime   clock ticks after boot the process started at
 * @param openFiles   its open descriptors
 */
record ProcessStamp(long startTime, long openFiles) {

    /** Fields after the name: the state is field 3, the start time field 22. */
    private static final int START_TIME_AFTER_NAME = 22 - 3;
    /** A stat line is far shorter; a longer one is not the kernel's. */
    private static final int MAX_STAT_CHARS = 4096;
    private static final int MAX_DIGITS = 19;

    /** The stamp of a process directory, or null when it is gone, unreadable, or not what the kernel writes. */
    static ProcessStamp of(Path process) {
        try {
            byte[] stat = Files.readAllBytes(process.resolve("stat"));
            long startTime = startTime(new String(stat, StandardCharsets.ISO_8859_1));
            long openFiles = Files.size(process.resolve("fd"));
            return startTime < 0 || openFiles <= 0 ? null : new ProcessStamp(startTime, openFiles);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Field 22 of a stat line, or -1 when the line is not one. */
    static long startTime(String stat) {
        if (stat.length() > MAX_STAT_CHARS) {
            return -1;
        }
        int name = stat.lastIndexOf(')');
        if (name < 0) {
            return -1;
        }
        String[] fields = stat.substring(name + 1).strip().split(" ");
        if (fields.length <= START_TIME_AFTER_NAME) {
            return -1;
        }
        String field = fields[START_TIME_AFTER_NAME];
        if (field.isEmpty() || field.length() > MAX_DIGITS || !field.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(field);
    }
}
