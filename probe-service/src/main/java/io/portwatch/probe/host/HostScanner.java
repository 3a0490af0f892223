package io.portwatch.probe.host;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Listener;
import io.portwatch.probe.config.ProbeConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the listening sockets of the host from its proc filesystem with their owning processes, like
 * {@code ss -tulpn}: the socket tables first, then one walk over the processes' descriptors for the
 * listeners' inodes.
 */
@ApplicationScoped
public class HostScanner {

    private record Table(String file, Transport transport, int ipVersion) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("tcp", Transport.TCP, 4), new Table("tcp6", Transport.TCP, 6),
            new Table("udp", Transport.UDP, 4), new Table("udp6", Transport.UDP, 6));

    private final Path procRoot;
    private final Path netDirectory;
    private final Map<Integer, String> userNames;
    private final Counter malformedLines;

    public HostScanner(ProbeConfig config, MeterRegistry registry) {
        this.procRoot = config.hostMode().procRoot();
        this.netDirectory = procRoot.resolve(config.hostMode().netNamespaceOf()).resolve("net");
        this.userNames = UserNames.read(Path.of("/etc/passwd"));
        this.malformedLines = Counter.builder("portwatch.probe.proc.malformed.lines")
                .description("Lines of /proc/net/* that could not be read and were skipped")
                .register(registry);
    }

    /** Every listener of the host now, with its owning process where it can be read. */
    public List<Listener> scan() {
        List<SocketEntry> entries = new ArrayList<>();
        for (Table table : TABLES) {
            entries.addAll(ProcNetParser.parse(read(table.file()), table.transport(), table.ipVersion(), this::skip));
        }
        ProcessIndex owners = ProcessIndex.build(procRoot, userNames,
                entries.stream().map(SocketEntry::inode).collect(Collectors.toSet()));
        return entries.stream()
                .map(entry -> new Listener(entry.transport(), entry.address(), entry.port(), entry.ipVersion(),
                        Exposures.ofBoundAddress(entry.address()), owners.owner(entry.inode()), null))
                .toList();
    }

    private String read(String file) {
        Path path = netDirectory.resolve(file);
        try {
            return Files.readString(path);
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            Log.warnf("Cannot read %s: %s", path, e.getMessage());
            return "";
        }
    }

    private void skip(String problem) {
        malformedLines.increment();
        Log.warnf("Skipped a line of %s: %s", netDirectory, problem);
    }
}
