package io.portwatch.probe.host;

import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** On tables captured from a Linux host, with odd lines added. */
class ProcNetParserTest {

    private final List<String> malformed = new ArrayList<>();

    @Test
    void tcpKeepsListenersAndDecodesLittleEndianAddresses() {
        assertThat(parse("tcp", Transport.TCP, 4)).containsExactly(
                new SocketEntry(Transport.TCP, "127.0.0.1", 5432, 4, 6822, 101),
                new SocketEntry(Transport.TCP, "0.0.0.0", 2024, 4, 536, 0),
                new SocketEntry(Transport.TCP, "192.0.2.10", 311, 4, 7001, 0));
    }

    @Test
    void establishedConnectionsAreNotListeners() {
        assertThat(parse("tcp", Transport.TCP, 4)).extracting(SocketEntry::inode).doesNotContain(7002L);
    }

    @Test
    void malformedLinesAreSkippedAndReported() {
        List<SocketEntry> entries = parse("tcp", Transport.TCP, 4);

        assertThat(entries).hasSize(3);
        assertThat(malformed).hasSize(2);
        assertThat(malformed.get(0)).contains("port is not hex 'ZZZZ'");
        assertThat(malformed.get(1)).contains("too few fields");
    }

    @Test
    void tcp6DecodesMappedAsIpv4AndLoopbackWildcardAndGlobalAddresses() {
        assertThat(parse("tcp6", Transport.TCP, 6)).extracting(SocketEntry::address, SocketEntry::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("127.0.0.1", 19093),
                org.assertj.core.groups.Tuple.tuple("::1", 3031),
                org.assertj.core.groups.Tuple.tuple("::", 3283),
                org.assertj.core.groups.Tuple.tuple("2001:db8::10", 80));
        assertThat(malformed).isEmpty();
    }

    @Test
    void udpKeepsBoundUnconnectedSocketsOnly() {
        assertThat(parse("udp", Transport.UDP, 4)).containsExactly(
                new SocketEntry(Transport.UDP, "0.0.0.0", 3283, 4, 8101, 0),
                new SocketEntry(Transport.UDP, "127.0.0.1", 3031, 4, 8102, 501));
    }

    @Test
    void udp6WildcardIsKept() {
        assertThat(parse("udp6", Transport.UDP, 6)).containsExactly(
                new SocketEntry(Transport.UDP, "::", 3283, 6, 8201, 0));
    }

    @Test
    void headerOnlyTableHasNoListeners() {
        assertThat(ProcNetParser.parse("  sl  local_address rem_address   st\n", Transport.TCP, 4, malformed::add)).isEmpty();
        assertThat(malformed).isEmpty();
    }

    private List<SocketEntry> parse(String file, Transport transport, int ipVersion) {
        return ProcNetParser.parse(fixture(file), transport, ipVersion, malformed::add);
    }

    private static String fixture(String file) {
        try (InputStream in = ProcNetParserTest.class.getResourceAsStream("/proc/net/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
