package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A namespace's addresses from fib_trie and if_inet6, as the kernel writes them and as a hostile file could. */
class InterfaceAddressesTest {

    private static final String FIB_TRIE = """
            Main:
              +-- 0.0.0.0/0 3 0 4
                 |-- 0.0.0.0
                    /0 universe UNICAST
                 +-- 127.0.0.0/8 2 0 2
                    +-- 127.0.0.0/31 1 0 0
                       |-- 127.0.0.0
                          /8 host LOCAL
                       |-- 127.0.0.1
                          /32 host LOCAL
                    |-- 127.255.255.255
                       /32 link BROADCAST
                 +-- 192.0.2.0/24 2 0 2
                    +-- 192.0.2.0/30 2 0 2
                       |-- 192.0.2.0
                          /24 link UNICAST
                       |-- 192.0.2.2
                          /32 host LOCAL
                    |-- 192.0.2.255
                       /32 link BROADCAST
                 |-- 169.254.7.7
                    /32 host LOCAL
                 |-- 10.1.0.9
                    /16 link UNICAST
                    /32 host LOCAL
            Local:
              +-- 0.0.0.0/0 3 0 4
                       |-- 192.0.2.2
                          /32 host LOCAL
            """;

    private static final String IF_INET6 = """
            fe8000000000000000fc00fffe000001 04 40 20 80     eth0
            00000000000000000000000000000001 01 80 10 80       lo
            fd000000000000000000000000000002 04 40 00 82     eth0
            20010db8000000000000000000000010 04 40 00 80     eth0
            """;

    @Test
    void theLocalIpv4AddressesOfTheTrieOnceEachWithoutLoopbackOrLinkLocal() {
        assertThat(InterfaceAddresses.fibTrie(FIB_TRIE.lines().toList())).containsExactly("10.1.0.9", "192.0.2.2");
    }

    @Test
    void theIpv6AddressesInCanonicalFormWithoutLoopbackOrLinkLocal() {
        assertThat(InterfaceAddresses.ifInet6(IF_INET6.lines().toList())).containsExactly("2001:db8::10", "fd00::2");
    }

    @Test
    void hostileTrieLinesNameNoAddress() {
        List<String> hostile = List.of(
                "|-- localhost", "   /32 host LOCAL",
                "|-- 999.1.1.1", "   /32 host LOCAL",
                "|-- 192.0.2.7\u001b]0;pwned\u0007", "   /32 host LOCAL",
                "|-- ::1", "   /32 host LOCAL",
                "|-- 2001:db8::1", "   /32 host LOCAL",
                "   /32 host LOCAL",
                "|-- 192.0.2.8", "+-- 192.0.2.0/24 2 0 2", "   /32 host LOCAL",
                "|-- 192.0.2.9", "   /32 host LOCALX",
                "|-- 010.0.0.1", "   /32 host LOCAL");

        assertThat(InterfaceAddresses.fibTrie(hostile)).isEmpty();
    }

    @Test
    void hostileIfInet6LinesNameNoAddress() {
        List<String> hostile = List.of(
                "2001:db8::1 04 40 00 80 eth0",
                "20010db800000000000000000000001 04 40 00 80 eth0",
                "20010db80000000000000000000000001 04 40 00 80 eth0",
                "20010db8000000000000000000000g01 04 40 00 80 eth0",
                "20010db8000000000000000000000001",
                "",
                "\u001b[2J");

        assertThat(InterfaceAddresses.ifInet6(hostile)).isEmpty();
    }

    @Test
    void aNamespaceWithThousandsOfAddressesReportsAsManyAsTheContractAllows() {
        List<String> lines = new ArrayList<>();
        IntStream.range(0, 5_000).forEach(i -> {
            lines.add("|-- 10.2." + i / 250 + "." + (i % 250 + 1));
            lines.add("   /32 host LOCAL");
        });

        assertThat(InterfaceAddresses.fibTrie(lines)).hasSize(ContractLimits.ADDRESSES).doesNotHaveDuplicates();
    }

    @Test
    void overlongLinesAreSkippedWholeAndTheRestRead() throws IOException {
        String text = "|-- 192.0.2.3" + " ".repeat(InterfaceAddresses.MAX_LINE) + "\n   /32 host LOCAL\n|-- 192.0.2.4\n   /32 host LOCAL";
        List<String> lines = new ArrayList<>();

        InterfaceAddresses.readBounded(new StringReader(text), lines::add);

        assertThat(lines).containsExactly("   /32 host LOCAL", "|-- 192.0.2.4", "   /32 host LOCAL");
        assertThat(InterfaceAddresses.fibTrie(lines)).containsExactly("192.0.2.4");
    }

    @Test
    void readsThroughAProcessDirectoryAndMissingFilesGiveNone(@TempDir Path process) throws IOException {
        assertThat(InterfaceAddresses.read(process)).isEmpty();
        Files.createDirectories(process.resolve("net"));
        Files.writeString(process.resolve("net").resolve("fib_trie"), FIB_TRIE);
        Files.writeString(process.resolve("net").resolve("if_inet6"), IF_INET6);

        assertThat(InterfaceAddresses.read(process)).containsExactly("10.1.0.9", "192.0.2.2", "2001:db8::10", "fd00::2");
    }

    @Test
    void theTestMachinesOwnNamespaceHasCanonicalAddresses() {
        assertThat(InterfaceAddresses.read(Path.of("/proc/self")))
                .allSatisfy(address -> assertThat(io.portwatch.events.listener.Addresses.isCanonical(address)).as(address).isTrue())
                .noneMatch(address -> address.startsWith("127.") || address.equals("::1"));
    }
}
