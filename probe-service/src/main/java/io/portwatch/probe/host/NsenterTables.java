package io.portwatch.probe.host;

import io.micrometer.core.instrument.Counter;
import io.portwatch.events.contract.ControlCharacters;
import io.quarkus.logging.Log;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The socket tables of a network namespace that no process is in, read by entering it through one of its
 * bind mounts: {@code nsenter --net=<mount> cat /proc/self/net/tcp ...}, since {@code /proc/self/net} shows
 * the namespace of the process that reads it. Entering needs CAP_SYS_ADMIN; without it (a Kubernetes
 * DaemonSet drops it) the namespace is not read, with one warning per namespace and a count per scan.
 * The command is bounded by a timeout.
 */
final class NsenterTables {

    /** Every table's text begins with a header line that names this column. */
    private static final String HEADER_COLUMN = "local_address";
    /** The tables of the process reading them: cat's, once nsenter has moved it into the namespace. */
    private static final Path OWN_TABLES = Path.of("/proc/self/net");

    private final Duration timeout;
    private final Counter unreadable;
    private final Set<Long> warned = new HashSet<>();

    NsenterTables(Duration timeout, Counter unreadable) {
        this.timeout = timeout;
        this.unreadable = unreadable;
    }

    /**
     * The text of each of the given tables (names in /proc/self/net) in the namespace, those this kernel lacks
     * left out, or empty when it cannot be entered.
     */
    synchronized Map<String, String> read(long inode, List<Path> mounts, List<String> tables) {
        // A table this kernel lacks (tcp6 with IPv6 off) is in no namespace: cat would fail on it.
        List<String> present = tables.stream().filter(table -> Files.exists(OWN_TABLES.resolve(table))).toList();
        String problem = "no mount";
        for (Path mount : mounts) {
            List<String> command = new ArrayList<>(List.of("nsenter", "--net=" + mount, "cat"));
            present.forEach(table -> command.add(OWN_TABLES.resolve(table).toString()));
            try {
                return split(run(command), present);
            } catch (IOException e) {
                problem = e.getMessage();
            }
        }
        unreadable.increment();
        if (warned.add(inode)) {
            // Mount points and nsenter's message may hold whatever a namespace's creator named it: escaped for the log.
            Log.warnf("Network namespace net:[%d] has no process to read it through and cannot be entered through %s (%s); "
                    + "entering needs CAP_SYS_ADMIN. Its listeners are not reported", inode,
                    ControlCharacters.escape(mounts.toString()), ControlCharacters.escape(problem));
        }
        return Map.of();
    }

    /** Forgets the warnings of namespaces that are gone, so the memory is as large as the node's namespaces. */
    synchronized void retain(Set<Long> inodes) {
        warned.retainAll(inodes);
    }

    private String run(List<String> command) throws IOException {
        File out = File.createTempFile("portwatch-nsenter", ".out");
        File err = File.createTempFile("portwatch-nsenter", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("nsenter took longer than " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new IOException(Files.readString(err.toPath(), StandardCharsets.UTF_8).strip());
            }
            return Files.readString(out.toPath(), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out.toPath());
            Files.deleteIfExists(err.toPath());
        }
    }

    /** cat's output, one table after the other, cut at each table's header line. */
    static Map<String, String> split(String output, List<String> tables) throws IOException {
        List<StringBuilder> texts = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.contains(HEADER_COLUMN)) {
                texts.add(new StringBuilder());
            }
            if (!texts.isEmpty()) {
                texts.get(texts.size() - 1).append(line).append('\n');
            }
        }
        if (texts.size() != tables.size()) {
            throw new IOException("read " + texts.size() + " tables, not the " + tables.size() + " asked for");
        }
        Map<String, String> byTable = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            byTable.put(tables.get(i), texts.get(i).toString());
        }
        return byTable;
    }
}
