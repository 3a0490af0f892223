package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.ProcessInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a process is, read from its proc directory for the event contract: the executable path
 * ({@code /proc/<pid>/exe}, kept with the kernel's {@value ProcessInfo#DELETED} suffix) and the real uid
 * ({@code Uid:} of {@code status}), which the process cannot choose, and its {@code comm} for display only.
 * Every text is the process's own choice or reaches it (a file name, a path), so it is escaped and cut
 * to the contract's limits; bytes that are not UTF-8 never make a fact unreadable.
 */
final class ProcessFacts {

    private static final String UID_FIELD = "Uid:";

    private ProcessFacts() {
    }

    /** The process of a proc directory named by its pid. */
    static ProcessInfo read(Path process, Map<Integer, String> userNames) {
        long pid = Long.parseLong(process.getFileName().toString());
        Integer uid = uid(process.resolve("status"));
        String user = uid == null ? null : userNames.getOrDefault(uid, Integer.toString(uid));
        return new ProcessInfo(pid, comm(process.resolve("comm")), exe(process.resolve("exe")),
                ControlCharacters.escapeAndCut(user, ContractLimits.NAME), uid);
    }

    /** The name without the newline the kernel ends the file with; any newline inside it is the process's and stays (escaped). */
    private static String comm(Path file) {
        String text = text(file);
        if (text == null) {
            return null;
        }
        String name = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return ControlCharacters.escapeAndCut(name, ContractLimits.NAME);
    }

    /** The executable path a proc directory's {@code exe} link names, escaped and cut; null when it can't be read. */
    static String exe(Path link) {
        try {
            return ControlCharacters.escapeAndCut(Files.readSymbolicLink(link).toString(), ContractLimits.PATH);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * The real uid, the first number of the {@code Uid:} line. The kernel escapes newlines in the {@code Name:}
     * line above it, so a name cannot forge that line; the file is read as Latin-1 so a name that is not
     * UTF-8 cannot hide it.
     */
    private static Integer uid(Path status) {
        try {
            for (String line : new String(Files.readAllBytes(status), StandardCharsets.ISO_8859_1).split("\n")) {
                if (line.startsWith(UID_FIELD)) {
                    return Integer.parseInt(line.substring(UID_FIELD.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            return null;
        }
        return null;
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
