package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The executable path of each process that owns a listener, which the process cannot choose and by which
 * {@code unexpected-process} judges it: on Linux the {@code /proc/<pid>/exe} link ({@link ProcessFacts#exe}), elsewhere
 * (macOS) one {@code ps -o pid=,comm= -p <pids>} run per scan, whose {@code comm} is the path the process was started from.
 * <p>
 * A path may hold a newline (its directories are named by whoever made them), and ps prints it raw, so a path can
 * forge the next line. The output is therefore read strictly: every line must be a pid that was asked for, seen once,
 * then its path; a line that is not continues the path above it (kept, escaped). A pid that appears twice has no path
 * (unknown, never trusted): a process can make its own path unreadable, or another's, but never pass for another.
 */
final class ExecutablePaths {

    private final Path procRoot;
    private final String psCommand;
    private final BoundedCommand runner;

    /**
     * @param procRoot  the proc filesystem to read links from, or null to run ps
     * @param psCommand the ps executable
     * @param runner    how ps is run
     */
    ExecutablePaths(Path procRoot, String psCommand, BoundedCommand runner) {
        this.procRoot = procRoot;
        this.psCommand = psCommand;
        this.runner = runner;
    }

    /** The paths of these processes; a process whose path cannot be read is missing. @param problem told why ps failed, if it did */
    Map<Long, String> of(Set<Long> pids, Consumer<String> problem) {
        if (pids.isEmpty()) {
            return Map.of();
        }
        if (procRoot != null) {
            Map<Long, String> paths = new HashMap<>();
            pids.forEach(pid -> {
                String exe = ProcessFacts.exe(procRoot.resolve(Long.toString(pid)).resolve("exe"));
                if (exe != null) {
                    paths.put(pid, exe);
                }
            });
            return paths;
        }
        List<String> command = new ArrayList<>(List.of(psCommand, "-o", "pid=,comm=", "-p"));
        command.add(pids.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
        try {
            BoundedCommand.Result result = runner.run(command);
            // ps exits 1 when one of the processes has exited meanwhile; the others are still printed.
            return parsePs(new String(result.output(), StandardCharsets.UTF_8), pids);
        } catch (IOException e) {
            problem.accept(e.getMessage());
            return Map.of();
        }
    }

    /** The paths in {@code ps -o pid=,comm=} output, read strictly (see the class comment). */
    static Map<Long, String> parsePs(String output, Set<Long> asked) {
        Map<Long, StringBuilder> paths = new HashMap<>();
        Set<Long> forged = new HashSet<>();
        Long current = null;
        String[] lines = output.split("\n", -1);
        int count = output.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            String trimmed = line.stripLeading();
            int space = trimmed.indexOf(' ');
            Long pid = space > 0 ? pidOf(trimmed.substring(0, space)) : null;
            if (pid != null && asked.contains(pid)) {
                if (paths.containsKey(pid)) {
                    forged.add(pid);
                }
                paths.put(pid, new StringBuilder(trimmed.substring(space + 1).stripLeading()));
                current = pid;
            } else if (current != null) {
                paths.get(current).append('\n').append(line);
            }
        }
        Map<Long, String> result = new HashMap<>();
        paths.forEach((pid, path) -> {
            if (!forged.contains(pid) && !path.isEmpty()) {
                result.put(pid, ControlCharacters.escapeAndCut(path.toString(), ContractLimits.PATH));
            }
        });
        return result;
    }

    /** The Linux choice: the proc filesystem when this system has one with our own process in it, else null (run ps). */
    static Path procRootOfThisSystem() {
        Path proc = Path.of("/proc");
        return Files.isSymbolicLink(proc.resolve("self").resolve("exe")) ? proc : null;
    }

    private static Long pidOf(String text) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(text);
    }
}
