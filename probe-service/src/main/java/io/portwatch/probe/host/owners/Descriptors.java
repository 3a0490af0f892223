package io.portwatch.probe.host.owners;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The proc filesystem's processes and the sockets their descriptors name: every {@code /proc/<pid>/fd/*} link that
 * reads {@code socket:[inode]}, the way {@code ss -p} reads them. A link is whatever the kernel says, checked all the
 * same: the prefix, the closing bracket, a number.
 */
public final class Descriptors {

    private static final String SOCKET_PREFIX = "socket:[";
    /** Pids are far shorter (at most 4,194,304); a longer name is no process. */
    private static final int MAX_PID_DIGITS = 10;

    private Descriptors() {
    }

    /** Whether a proc directory entry is a process (its name all digits). */
    public static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.length() <= MAX_PID_DIGITS && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The process directories of a proc filesystem; none when it cannot be listed. */
    static List<Path> processes(Path procRoot) {
        List<Path> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot, Descriptors::isPid)) {
            entries.forEach(processes::add);
        } catch (IOException e) {
            return List.of();
        }
        return processes;
    }

    /**
     * The wanted sockets a process holds, each once however many descriptors name it; null when its descriptors cannot
     * be listed (it exited, or is not ours to read).
     */
    static long[] sockets(Path process, Set<Long> wanted) {
        Set<Long> held = new LinkedHashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode >= 0 && wanted.contains(inode)) {
                    held.add(inode);
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return held.stream().mapToLong(Long::longValue).toArray();
    }

    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith(SOCKET_PREFIX) && target.endsWith("]")) {
                return Long.parseLong(target.substring(SOCKET_PREFIX.length(), target.length() - 1));
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException | SecurityException e) {
            // Closed meanwhile, or not a socket.
        }
        return -1;
    }
}
