package io.portwatch.probe.host;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.ProcessInfo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which process owns which socket, built once per scan the way {@code ss -p} does: every
 * {@code /proc/<pid>/fd/*} link that reads {@code socket:[inode]} names its process. Socket inodes are
 * unique across network namespaces, so one walk serves them all. Processes that exit or can't be read
 * during the walk are skipped, so their sockets keep no owner.
 */
final class ProcessIndex {

    /**
     * A socket's owner.
     *
     * @param process   the process
     * @param container its container, from its cgroup; null on the host
     */
    record Owner(ProcessInfo process, ContainerInfo container) {
    }

    private static final String SOCKET_PREFIX = "socket:[";

    private final Map<Long, Owner> byInode;

    private ProcessIndex(Map<Long, Owner> byInode) {
        this.byInode = byInode;
    }

    /** Walks the proc filesystem's processes, looking only for the given socket inodes. */
    static ProcessIndex build(Path procRoot, Map<Integer, String> userNames, Set<Long> wanted) {
        Map<Long, Owner> byInode = new HashMap<>();
        if (wanted.isEmpty()) {
            return new ProcessIndex(byInode);
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(procRoot, ProcessIndex::isPid)) {
            for (Path process : processes) {
                indexProcess(process, userNames, wanted, byInode);
                if (byInode.size() == wanted.size()) {
                    break;
                }
            }
        } catch (IOException e) {
            return new ProcessIndex(byInode);
        }
        return new ProcessIndex(byInode);
    }

    /** The owner of a socket inode, or null when none could be read. */
    Owner owner(long inode) {
        return byInode.get(inode);
    }

    private static void indexProcess(Path process, Map<Integer, String> userNames, Set<Long> wanted,
            Map<Long, Owner> byInode) {
        Owner info = null;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode >= 0 && wanted.contains(inode) && !byInode.containsKey(inode)) {
                    if (info == null) {
                        info = describe(process, userNames);
                    }
                    byInode.put(inode, info);
                }
            }
        } catch (IOException | SecurityException e) {
            // Gone, or not ours to read: its sockets keep no owner.
        }
    }

    private static long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith(SOCKET_PREFIX) && target.endsWith("]")) {
                return Long.parseLong(target.substring(SOCKET_PREFIX.length(), target.length() - 1));
            }
        } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
            // Closed meanwhile, or not a socket.
        }
        return -1;
    }

    /** The container a process runs in, or null on the host or when its cgroup can't be read. */
    static ContainerInfo containerOf(Path process) {
        try {
            return ContainerCgroups.parse(Files.readString(process.resolve("cgroup"))).orElse(null);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static Owner describe(Path process, Map<Integer, String> userNames) {
        long pid = Long.parseLong(process.getFileName().toString());
        String name = firstLine(process.resolve("comm"));
        String exe;
        try {
            exe = Files.readSymbolicLink(process.resolve("exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            exe = null;
        }
        Integer uid = uid(process.resolve("status"));
        String user = uid == null ? null : userNames.getOrDefault(uid, Integer.toString(uid));
        return new Owner(new ProcessInfo(pid, name, exe, user), containerOf(process));
    }

    private static Integer uid(Path status) {
        try {
            List<String> lines = Files.readAllLines(status);
            for (String line : lines) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? null : lines.get(0).trim();
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
