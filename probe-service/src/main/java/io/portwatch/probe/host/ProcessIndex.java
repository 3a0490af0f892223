package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.ProcessInfo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes hold which socket, built once per scan the way {@code ss -p} does: every
 * {@code /proc/<pid>/fd/*} link that reads {@code socket:[inode]} names a holder. A socket inherited over
 * fork or passed over a Unix socket has several; the lowest pid is its owner, the others share it. Socket
 * inodes are unique across network namespaces, so one walk serves them all, whichever namespace each
 * holder lives in. Processes that exit or can't be read during the walk are skipped.
 */
final class ProcessIndex {

    /**
     * The processes holding one socket.
     *
     * @param process    the owner: the holder with the lowest pid
     * @param sharedWith the other holders in pid order, at most {@link ContractLimits#SHARED_OWNERS}
     * @param container  the owner's container, from its cgroup; null on the host
     */
    record Owners(ProcessInfo process, List<ProcessInfo> sharedWith, ContainerInfo container) {
    }

    private record Holder(ProcessInfo process, ContainerInfo container) {
    }

    private static final String SOCKET_PREFIX = "socket:[";

    private final Map<Long, List<Holder>> byInode;

    private ProcessIndex(Map<Long, List<Holder>> byInode) {
        this.byInode = byInode;
    }

    /** Walks the proc filesystem's processes, looking only for the given socket inodes. */
    static ProcessIndex build(Path procRoot, Map<Integer, String> userNames, Set<Long> wanted) {
        Map<Long, List<Holder>> byInode = new HashMap<>();
        if (wanted.isEmpty()) {
            return new ProcessIndex(byInode);
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(procRoot, ProcessIndex::isPid)) {
            for (Path process : processes) {
                indexProcess(process, userNames, wanted, byInode);
            }
        } catch (IOException e) {
            return new ProcessIndex(byInode);
        }
        byInode.values().forEach(holders -> holders.sort(Comparator.comparingLong(holder -> holder.process().pid())));
        return new ProcessIndex(byInode);
    }

    /** The processes holding a socket inode, or null when none could be read. */
    Owners owners(long inode) {
        List<Holder> holders = byInode.get(inode);
        if (holders == null) {
            return null;
        }
        List<ProcessInfo> sharedWith = holders.stream().skip(1).limit(ContractLimits.SHARED_OWNERS).map(Holder::process).toList();
        return new Owners(holders.get(0).process(), sharedWith, holders.get(0).container());
    }

    private static void indexProcess(Path process, Map<Integer, String> userNames, Set<Long> wanted,
            Map<Long, List<Holder>> byInode) {
        Holder holder = null;
        Set<Long> held = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                long inode = socketInode(fd);
                if (inode >= 0 && wanted.contains(inode) && held.add(inode)) {
                    if (holder == null) {
                        holder = new Holder(ProcessFacts.read(process, userNames), containerOf(process));
                    }
                    byInode.computeIfAbsent(inode, any -> new ArrayList<>()).add(holder);
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

    static boolean isPid(Path path) {
        String name = path.getFileName().toString();
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
