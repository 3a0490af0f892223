package io.portwatch.probe.host;

import io.micrometer.core.instrument.Counter;
import io.portwatch.events.knowledge.Transport;
import io.quarkus.logging.Log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Reads a network namespace's socket tables ({@code /proc/<pid>/net/tcp|tcp6|udp|udp6}) through the first
 * of its processes that is still in it once they are read: a pid may exit, or be reused by a process in
 * another namespace, between listing and reading. A namespace with no such process is entered through one
 * of its bind mounts, if it has one; without either it disappeared during the scan, and is skipped and counted.
 */
final class NamespaceTables {

    /**
     * What was read.
     *
     * @param namespace the namespace (an inode below 0: the host's, whose link this probe may not read)
     * @param reader    the proc directory of the process it was read through; null when it was entered through a mount
     * @param entries   its listening sockets
     */
    record Read(NetNamespaces.Namespace namespace, Path reader, List<SocketEntry> entries) {
    }

    private record Table(String file, Transport transport, int ipVersion) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("tcp", Transport.TCP, 4), new Table("tcp6", Transport.TCP, 6),
            new Table("udp", Transport.UDP, 4), new Table("udp6", Transport.UDP, 6));

    private final Counter vanished;
    private final BiConsumer<Path, String> malformedLine;
    private final NsenterTables entered;

    NamespaceTables(Counter vanished, BiConsumer<Path, String> malformedLine, NsenterTables entered) {
        this.vanished = vanished;
        this.malformedLine = malformedLine;
        this.entered = entered;
    }

    /**
     * The namespace's listening sockets, read through its processes or else entered through its mounts; empty
     * when it is gone (counted) or cannot be entered (warned of and counted by {@link NsenterTables}).
     */
    Optional<Read> read(NetNamespaces.Namespace namespace) {
        long inode = namespace.identity().inode();
        for (Path reader : namespace.readers()) {
            Optional<List<SocketEntry>> entries = readTables(reader);
            boolean stillThere = inode < 0 || NetNamespaces.inodeOf(reader).orElse(-1) == inode;
            if (entries.isPresent() && stillThere) {
                return Optional.of(new Read(namespace, reader, entries.get()));
            }
        }
        if (!namespace.mounts().isEmpty()) {
            Map<String, String> texts = entered.read(inode, namespace.mounts(), TABLES.stream().map(Table::file).toList());
            if (texts.isEmpty()) {
                return Optional.empty();
            }
            Path source = namespace.mounts().get(0);
            List<SocketEntry> entries = new ArrayList<>();
            TABLES.forEach(table -> entries.addAll(parse(texts.getOrDefault(table.file(), ""), table, source.resolve(table.file()))));
            return Optional.of(new Read(namespace, null, entries));
        }
        vanished.increment();
        return Optional.empty();
    }

    private Optional<List<SocketEntry>> readTables(Path reader) {
        Path netDirectory = reader.resolve("net");
        List<SocketEntry> entries = new ArrayList<>();
        for (Table table : TABLES) {
            Path path = netDirectory.resolve(table.file());
            String content;
            try {
                content = Files.readString(path);
            } catch (NoSuchFileException e) {
                content = "";
            } catch (IOException | SecurityException e) {
                Log.debugf("Cannot read %s: %s", path, e.getMessage());
                return Optional.empty();
            }
            entries.addAll(parse(content, table, path));
        }
        return Optional.of(entries);
    }

    private List<SocketEntry> parse(String content, Table table, Path path) {
        return ProcNetParser.parse(content, table.transport(), table.ipVersion(), problem -> malformedLine.accept(path, problem));
    }
}
