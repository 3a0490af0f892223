package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.probe.host.owners.SocketHolders;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which processes hold which socket, with what each of them is: the holders come from {@link SocketHolders} (a walk of
 * the descriptors, as {@code ss -p} does, kept between scans); each holder's facts and container are read again at every
 * scan. A socket inherited over fork or passed over a Unix socket has several holders; the lowest pid is its owner, the
 * others share it. Socket inodes are unique across network namespaces, so one index serves them all, whichever namespace
 * each holder lives in.
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

    private final Map<Long, List<Holder>> byInode;

    private ProcessIndex(Map<Long, List<Holder>> byInode) {
        this.byInode = byInode;
    }

    /** The processes behind each socket's holders, as {@link SocketHolders#find} gives them (pids in ascending order). */
    static ProcessIndex of(Path procRoot, Map<Integer, String> userNames, Map<Long, List<Long>> holdersBySocket) {
        Map<Long, Holder> processes = new HashMap<>();
        Map<Long, List<Holder>> byInode = new HashMap<>();
        holdersBySocket.forEach((inode, pids) -> byInode.put(inode, pids.stream()
                .map(pid -> processes.computeIfAbsent(pid, any -> holder(procRoot.resolve(Long.toString(pid)), userNames)))
                .toList()));
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

    /** What a holder is, read at every scan: a process may exec another program or change its uid and keep its sockets. */
    private static Holder holder(Path process, Map<Integer, String> userNames) {
        return new Holder(ProcessFacts.read(process, userNames), containerOf(process));
    }

    /** The container a process runs in, or null on the host or when its cgroup can't be read. */
    static ContainerInfo containerOf(Path process) {
        try {
            return ContainerCgroups.parse(Files.readString(process.resolve("cgroup"))).orElse(null);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
