package io.portwatch.probe.host;

import io.portwatch.events.listener.NetworkNamespace;

import java.io.IOException;
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

/**
 * The network namespaces of the node, found the way {@code lsns -t net} finds them: every
 * {@code /proc/<pid>/ns/net} link reads {@code net:[inode]}, and processes with the same inode share a
 * namespace. Each namespace keeps its processes in pid order, so a scan reads its sockets through the first
 * one still alive ({@code /proc/<pid>/net/*} shows the namespace of that process).
 */
final class NetNamespaces {

    /**
     * One namespace and the processes whose proc directories show it.
     *
     * @param identity its inode, whether it is the host's, its {@code ip netns} name
     * @param readers  proc directories of processes in it, the host's reader first
     */
    record Namespace(NetworkNamespace identity, List<Path> readers) {
    }

    private NetNamespaces() {
    }

    /**
     * The host's namespace (the one {@code hostReader} is in) and, when {@code all}, every other one that
     * this probe may read, the host's first.
     */
    static List<Namespace> list(Path procRoot, String hostReader, Path namesDirectory, boolean all) {
        Path hostDirectory = procRoot.resolve(hostReader);
        long hostInode = inodeOf(hostDirectory).orElse(-1);
        Map<Long, String> names = names(namesDirectory);
        Map<Long, List<Path>> readers = new LinkedHashMap<>();
        readers.put(hostInode, new ArrayList<>(List.of(hostDirectory)));
        if (all) {
            for (Path process : processesInPidOrder(procRoot)) {
                inodeOf(process).ifPresent(inode -> readers.computeIfAbsent(inode, any -> new ArrayList<>()).add(process));
            }
        }
        List<Namespace> namespaces = new ArrayList<>();
        readers.forEach((inode, paths) -> namespaces.add(
                new Namespace(new NetworkNamespace(inode, inode == hostInode, names.get(inode)), List.copyOf(paths))));
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

    /** {@code ip netns} names: every file in /run/netns is a bind mount of a namespace, with its inode. */
    private static Map<Long, String> names(Path namesDirectory) {
        Map<Long, String> names = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(namesDirectory)) {
            for (Path file : files) {
                try {
                    names.put(((Number) Files.getAttribute(file, "unix:ino")).longValue(), file.getFileName().toString());
                } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                    // Deleted meanwhile: no name for it.
                }
            }
        } catch (IOException e) {
            // No named namespaces.
        }
        return names;
    }

    private static List<Path> processesInPidOrder(Path procRoot) {
        List<Path> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(procRoot, ProcessIndex::isPid)) {
            entries.forEach(processes::add);
        } catch (IOException e) {
            return List.of();
        }
        processes.sort(Comparator.comparingLong(process -> Long.parseLong(process.getFileName().toString())));
        return processes;
    }
}
