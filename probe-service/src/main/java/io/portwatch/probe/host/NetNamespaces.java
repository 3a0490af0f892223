package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.NetworkNamespace;
import io.portwatch.probe.host.owners.Descriptors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The network namespaces of the node, found the way {@code lsns -t net} finds them: every
 * {@code /proc/<pid>/ns/net} link reads {@code net:[inode]}, and processes with the same inode share a
 * namespace; and every nsfs bind mount ({@code /run/netns/*} of {@code ip netns}, Docker's, any other in the
 * host reader's {@code mountinfo}), which keeps a namespace alive with no process in it. Each namespace keeps
 * its processes in pid order, so a scan reads its sockets through the first one still alive
 * ({@code /proc/<pid>/net/*} shows the namespace of that process), or else enters it through a mount.
 */
final class NetNamespaces {

    /**
     * One namespace, the processes whose proc directories show it and the bind mounts that lead into it.
     *
     * @param identity its inode, whether it is the host's, its {@code ip netns} name (escaped)
     * @param readers  proc directories of processes in it, the host's reader first; empty when none is in it
     * @param mounts   nsfs bind mounts of it, as paths this probe can open; empty when none
     */
    record Namespace(NetworkNamespace identity, List<Path> readers, List<Path> mounts) {
    }

    private static final String SELF = "self";

    private NetNamespaces() {
    }

    /**
     * The host's namespace (the one {@code hostReader} is in) and, when {@code all}, every other one that
     * this probe may read or enter, the host's first, then those with processes, then those with mounts only.
     */
    static List<Namespace> list(Path procRoot, String hostReader, Path namesDirectory, boolean all) {
        Path hostDirectory = procRoot.resolve(hostReader);
        long hostInode = inodeOf(hostDirectory).orElse(-1);
        Map<Long, String> names = new HashMap<>();
        Map<Long, List<Path>> mounts = new TreeMap<>();
        Map<Long, List<Path>> readers = new LinkedHashMap<>();
        readers.put(hostInode, new ArrayList<>(List.of(hostDirectory)));
        if (all) {
            for (Path process : processesInPidOrder(procRoot)) {
                inodeOf(process).ifPresent(inode -> readers.computeIfAbsent(inode, any -> new ArrayList<>()).add(process));
            }
            names(namesDirectory, names, mounts);
            NsfsMounts.parse(text(hostDirectory.resolve("mountinfo"))).forEach((inode, points) -> points.forEach(point ->
                    add(mounts, inode, reachable(hostDirectory, hostReader, point))));
            mounts.keySet().forEach(inode -> readers.putIfAbsent(inode, new ArrayList<>()));
        }
        List<Namespace> namespaces = new ArrayList<>();
        readers.forEach((inode, paths) -> namespaces.add(new Namespace(new NetworkNamespace(inode, inode == hostInode, names.get(inode)),
                List.copyOf(paths), List.copyOf(mounts.getOrDefault(inode, List.of())))));
        return namespaces;
    }

    /** The inode of the network namespace a process is in, or empty when it is gone or not ours to read. */
    static OptionalLong inodeOf(Path process) {
        try {
            String link = Files.readSymbolicLink(process.resolve("ns").resolve("net")).toString();
            int open = link.indexOf('[');
            int close = link.indexOf(']');
            if (link.startsWith("net:") && open > 0 && close > open) {
                return OptionalLong.of(Long.parseLong(link.substring(open + 1, close)));
            }
        } catch (IOException | SecurityException | NumberFormatException | UnsupportedOperationException e) {
            // Exited meanwhile, or another user's process.
        }
        return OptionalLong.empty();
    }

    /**
     * {@code ip netns} names: every file in /run/netns is a bind mount of a namespace, with its inode. A name is
     * whatever its creator chose, so it is escaped and cut to the contract.
     */
    private static void names(Path namesDirectory, Map<Long, String> names, Map<Long, List<Path>> mounts) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(namesDirectory)) {
            for (Path file : files) {
                try {
                    long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
                    names.put(inode, ControlCharacters.escapeAndCut(file.getFileName().toString(), ContractLimits.NAME));
                    add(mounts, inode, file);
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    // Deleted meanwhile: no name for it.
                }
            }
        } catch (IOException e) {
            // No named namespaces.
        }
    }

    private static void add(Map<Long, List<Path>> mounts, long inode, Path mount) {
        List<Path> paths = mounts.computeIfAbsent(inode, any -> new ArrayList<>());
        if (!paths.contains(mount)) {
            paths.add(mount);
        }
    }

    /** A mount point of the host reader's mount namespace, as this probe opens it (through {@code /proc/<pid>/root} unless it is the probe itself). */
    private static Path reachable(Path hostDirectory, String hostReader, Path mountPoint) {
        return hostReader.equals(SELF) ? mountPoint : hostDirectory.resolve("root").resolve(mountPoint.toString().substring(1));
    }

    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    private static List<Path> processesInPidOrder(Path procRoot) {
        List<Path> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot, Descriptors::isPid)) {
            entries.forEach(processes::add);
        } catch (IOException e) {
            return List.of();
        }
        processes.sort(Comparator.comparingLong(process -> Long.parseLong(process.getFileName().toString())));
        return processes;
    }
}
