package io.portwatch.probe.host.owners;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes hold which sockets, the answer of a walk over every process's descriptors, kept from one scan to the
 * next so that the next walks only what may have changed: processes that are new, whose pid was reused (another start
 * time) or whose number of open descriptors changed; and all processes only when a socket is wanted that none of those
 * holds and no walk has looked for yet. Every {@code fullWalkEvery} scans it walks everything, which bounds what the
 * stamps cannot see (see DESIGN.md beside this class). Socket inodes are unique across network namespaces, so one state
 * serves the sockets of every namespace.
 */
public final class SocketHolders {

    /** What the last scan learned of one process: who it was, and the wanted sockets it held. */
    private record Known(ProcessStamp stamp, long[] sockets) {
    }

    private final Path procRoot;
    private final int fullWalkEvery;
    private Map<Long, Known> known = Map.of();
    private Set<Long> searchedUnheld = Set.of();
    private long scans;

    /**
     * @param procRoot      the proc filesystem
     * @param fullWalkEvery walk every process every this many scans; 1 walks every process on every scan (no state kept)
     */
    public SocketHolders(Path procRoot, int fullWalkEvery) {
        this.procRoot = procRoot;
        this.fullWalkEvery = Math.max(1, fullWalkEvery);
    }

    /**
     * The processes holding each wanted socket now, each pid once and in ascending order; a socket no readable process
     * holds is missing. Exactly what a walk of every process's descriptors finds (DESIGN.md says where it can lag).
     */
    public synchronized Map<Long, List<Long>> find(Set<Long> wanted) {
        boolean full = scans++ % fullWalkEvery == 0;
        Map<Long, Known> next = new HashMap<>();
        Map<Long, List<Long>> holders = new HashMap<>();
        List<Path> notWalked = new ArrayList<>();
        if (!wanted.isEmpty()) {
            for (Path process : Descriptors.processes(procRoot)) {
                long pid = Long.parseLong(process.getFileName().toString());
                ProcessStamp stamp = ProcessStamp.of(process);
                Known before = known.get(pid);
                if (!full && stamp != null && before != null && before.stamp().equals(stamp)) {
                    Known kept = new Known(stamp, stillWanted(before.sockets(), wanted));
                    next.put(pid, kept);
                    hold(holders, pid, kept.sockets());
                    notWalked.add(process);
                } else {
                    walk(process, pid, stamp, wanted, holders, next);
                }
            }
            Set<Long> unheld = unheld(wanted, holders);
            unheld.removeAll(searchedUnheld);
            if (!unheld.isEmpty()) {
                // A socket nobody was seen to hold, not looked for yet: any process may hold it.
                for (Path process : notWalked) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    Known kept = next.remove(pid);
                    unhold(holders, pid, kept.sockets());
                    walk(process, pid, kept.stamp(), wanted, holders, next);
                }
            }
        }
        holders.values().forEach(pids -> pids.sort(null));
        searchedUnheld = unheld(wanted, holders);
        known = fullWalkEvery == 1 ? Map.of() : next;
        return holders;
    }

    private static void walk(Path process, long pid, ProcessStamp stamp, Set<Long> wanted, Map<Long, List<Long>> holders,
            Map<Long, Known> next) {
        long[] sockets = Descriptors.sockets(process, wanted);
        if (sockets == null) {
            return; // gone, or not ours to read: it holds nothing we can see, and is walked again next time
        }
        hold(holders, pid, sockets);
        if (stamp != null) {
            next.put(pid, new Known(stamp, sockets));
        }
    }

    private static long[] stillWanted(long[] sockets, Set<Long> wanted) {
        int kept = 0;
        for (long socket : sockets) {
            if (wanted.contains(socket)) {
                kept++;
            }
        }
        if (kept == sockets.length) {
            return sockets;
        }
        long[] still = new long[kept];
        int i = 0;
        for (long socket : sockets) {
            if (wanted.contains(socket)) {
                still[i++] = socket;
            }
        }
        return still;
    }

    private static void hold(Map<Long, List<Long>> holders, long pid, long[] sockets) {
        for (long socket : sockets) {
            holders.computeIfAbsent(socket, any -> new ArrayList<>(1)).add(pid);
        }
    }

    private static void unhold(Map<Long, List<Long>> holders, long pid, long[] sockets) {
        for (long socket : sockets) {
            List<Long> pids = holders.get(socket);
            pids.remove(Long.valueOf(pid));
            if (pids.isEmpty()) {
                holders.remove(socket);
            }
        }
    }

    private static Set<Long> unheld(Set<Long> wanted, Map<Long, List<Long>> holders) {
        Set<Long> unheld = new HashSet<>();
        for (Long socket : wanted) {
            if (!holders.containsKey(socket)) {
                unheld.add(socket);
            }
        }
        return unheld;
    }
}
