package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link LsofFields} on fixtures written from lsof's documented {@code -F} format in macOS's conventions (kernel socket
 * handles in {@code d}, {@code *} for either wildcard, IPv6 in brackets, UDP without a state), each with the listeners
 * it must yield, and on hostile output: names that try to forge fields, control characters, huge names, broken sets.
 */
class LsofFieldsTest {

    private final List<String> malformed = new ArrayList<>();

    @Test
    void rapportdOnEveryInterfaceOf3031InBothFamilies() {
        String output = new LsofOutput().process(412, "rapportd", 501, "mara")
                .tcpListener("4u", "IPv4", "0x6a1f27c3b5e4d001", "*:3031")
                .tcpListener("5u", "IPv6", "0x6a1f27c3b5e4d801", "*:3031")
                .toString();

        assertThat(parse(output)).containsExactly(
                new LsofSocket(412, "rapportd", 501, "mara", Transport.TCP, "0.0.0.0", 3031, 4, 0x6a1f27c3b5e4d001L),
                new LsofSocket(412, "rapportd", 501, "mara", Transport.TCP, "::", 3031, 6, 0x6a1f27c3b5e4d801L));
        assertThat(malformed).isEmpty();
    }

    @Test
    void ardAgentOnUdp3283() {
        String output = new LsofOutput().process(633, "ARDAgent", 0, "root")
                .udp("9u", "IPv4", "0xb2c41e99f07a3c11", "*:3283")
                .toString();

        assertThat(parse(output)).containsExactly(
                new LsofSocket(633, "ARDAgent", 0, "root", Transport.UDP, "0.0.0.0", 3283, 4, 0xb2c41e99f07a3c11L));
    }

    @Test
    void kernelHandlesAboveTheSignedRangeStayDistinctIdentities() {
        String output = new LsofOutput().process(1, "launchd", 0, "root")
                .tcpListener("7u", "IPv6", "0xffffff8012345678", "[::]:3283")
                .toString();

        assertThat(parse(output)).singleElement().satisfies(socket -> {
            assertThat(socket.address()).isEqualTo("::");
            assertThat(socket.device()).isEqualTo(Long.parseUnsignedLong("ffffff8012345678", 16));
        });
    }

    @Test
    void ipv6LoopbackAndSpecificAddressesInBracketsAreCanonical() {
        String output = new LsofOutput().process(7001, "AppleFileServer", 0, "root")
                .tcpListener("3u", "IPv6", "0x1", "[::1]:3031")
                .tcpListener("4u", "IPv6", "0x2", "[fe80:1::1%lo0]:311")
                .tcpListener("5u", "IPv6", "0x3", "[2001:DB8:0:0::7]:548")
                .tcpListener("6u", "IPv4", "0x4", "127.0.0.1:311")
                .toString();

        assertThat(parse(output)).extracting(LsofSocket::address, LsofSocket::port)
                .containsExactly(tuple("::1", 3031), tuple("fe80:1::1", 311),
                        tuple("2001:db8::7", 548), tuple("127.0.0.1", 311));
    }

    @Test
    void aProcessWhoseNameHasSpacesKeepsItWhole() {
        String output = new LsofOutput().process(2210, "Google Chrome Helper (Renderer)", 501, "mara")
                .udp("31u", "IPv4", "0x5", "*:5353")
                .toString();

        assertThat(parse(output)).singleElement().extracting(LsofSocket::command).isEqualTo("Google Chrome Helper (Renderer)");
    }

    @Test
    void connectionsAndConnectedOrUnboundUdpAreNotListeners() {
        String output = new LsofOutput().process(88, "ssh", 501, "mara")
                .tcp("3u", "IPv4", "0x6", "192.0.2.4:50112->192.0.2.9:22", "ESTABLISHED")
                .tcp("4u", "IPv4", "0x7", "*:*", "CLOSED")
                .udp("5u", "IPv4", "0x8", "127.0.0.1:50000->127.0.0.1:53")
                .udp("6u", "IPv6", "0x9", "*:*")
                .toString();

        assertThat(parse(output)).isEmpty();
        assertThat(malformed).isEmpty();
    }

    @Test
    void aNameHoldingANewlineAndAFakeNameFieldStaysOneName() {
        String forger = "evil\nf99\u0000tIPv4\u0000PTCP\nn*:22\nTST=LISTEN";
        String output = "p666\0c" + forger.replace("\u0000", "") + "\0u501\0Lmara\0\n"
                + new LsofOutput().tcpListener("3u", "IPv4", "0xa", "127.0.0.1:3031");

        List<LsofSocket> sockets = parse(output);

        assertThat(sockets).singleElement().satisfies(socket -> {
            assertThat(socket.port()).isEqualTo(3031);
            assertThat(socket.command()).startsWith("evil\\x0Af99").doesNotContain("\n");
            assertThat(ControlCharacters.present(socket.command())).isFalse();
        });
    }

    @Test
    void controlCharactersAndBidiOverridesInANameAreEscaped() {
        String output = new LsofOutput().process(9, "rapportd\u001b[2J\u202Egpj.exe", 501, "ma\u0007ra")
                .tcpListener("3u", "IPv4", "0xb", "*:3031")
                .toString();

        assertThat(parse(output)).singleElement().satisfies(socket -> {
            assertThat(socket.command()).isEqualTo("rapportd\\x1B[2J\\u202Egpj.exe");
            assertThat(socket.login()).isEqualTo("ma\\x07ra");
        });
    }

    @Test
    void aHugeNameIsCutToTheContractsLimit() {
        String output = new LsofOutput().process(10, "x".repeat(100_000), 501, "l".repeat(1_000))
                .tcpListener("3u", "IPv4", "0xc", "*:3031")
                .toString();

        assertThat(parse(output)).singleElement().satisfies(socket -> {
            assertThat(socket.command()).hasSize(ContractLimits.NAME).endsWith("…");
            assertThat(socket.login()).hasSize(ContractLimits.NAME);
        });
    }

    @Test
    void aFileSetThatRepeatsItsNameIsSkippedAndCounted() {
        String output = new LsofOutput().process(11, "two-names", 501, "mara")
                .fields("f3u", "tIPv4", "d0xd", "PTCP", "n127.0.0.1:3031", "n*:22", "TST=LISTEN")
                .tcpListener("4u", "IPv4", "0xe", "127.0.0.1:548")
                .toString();

        assertThat(parse(output)).extracting(LsofSocket::port).containsExactly(548);
        assertThat(malformed).singleElement().asString().contains("'n' twice");
    }

    @Test
    void brokenSetsAreSkippedAndCountedWithoutStoppingTheRest() {
        String output = new LsofOutput()
                .fields("f3u", "tIPv4", "PTCP", "n*:1", "TST=LISTEN")                     // a file before any process
                .fields("pnot-a-pid", "cx")
                .tcpListener("3u", "IPv4", "0xf", "*:2")                                  // a file of a process without a pid
                .process(12, "ok", 501, "mara")
                .tcpListener("4u", "IPv4", "0x10", "*:99999")                             // no such port
                .tcpListener("5u", "IPv4", "0x11", "not-an-address:3031")
                .tcpListener("6u", "IPv4", "0x12", "no-port")
                .fields("u77")                                                             // a process field among files
                .tcpListener("7u", "IPv4", "0x13", "10.0.0.1:3283")
                .toString();

        assertThat(parse(output)).extracting(LsofSocket::address, LsofSocket::port)
                .containsExactly(tuple("10.0.0.1", 3283));
        assertThat(malformed).hasSize(5);
    }

    @Test
    void macOsNobodyKeepsItsUidAndUnknownFieldsAreIgnored() {
        String output = new LsofOutput().fields("p13", "cnobody-app", "u4294967294", "g13", "R1")
                .fields("f3u", "tIPv4", "d0x14", "PTCP", "n*:8080", "TST=LISTEN", "TQR=0", "TQS=0", "TSO=SO_REUSEPORT", "oo0t0")
                .toString();

        assertThat(parse(output)).singleElement().satisfies(socket -> {
            assertThat(socket.uid()).isEqualTo(-2);
            assertThat(socket.login()).isNull();
        });
        assertThat(malformed).isEmpty();
    }

    @Test
    void aUidThatIsNotANumberIsUnknownAndCounted() {
        String output = new LsofOutput().fields("p14", "odd", "u12ab", "Lmara").tcpListener("3u", "IPv4", "0x15", "*:8081").toString();

        assertThat(parse(output)).singleElement().satisfies(socket -> {
            assertThat(socket.uid()).isNull();
            assertThat(socket.login()).isEqualTo("mara");
        });
        assertThat(malformed).singleElement().asString().startsWith("uid is not a number");
    }

    @Test
    void outputReadInChunksOfAnySizeYieldsWhatTheWholeOutputYields() {
        byte[] output = new LsofOutput().process(21, "Grüße \u2713 Dienst", 501, "mära")
                .tcpListener("3u", "IPv6", "0x21", "[fe80::1%lo0]:3031")
                .udp("4u", "IPv4", "0x22", "*:3283")
                .process(22, "evil\nn*:22\u001b[2J", 0, "root")
                .tcpListener("5u", "IPv4", "0x23", "127.0.0.1:99999")
                .tcpListener("6u", "IPv4", "0x24", "127.0.0.1:548")
                .toString().getBytes(StandardCharsets.UTF_8);
        List<LsofSocket> whole = parse(new String(output, StandardCharsets.UTF_8));
        List<String> wholeMalformed = List.copyOf(malformed);
        assertThat(whole).hasSize(3);
        assertThat(wholeMalformed).hasSize(1);

        for (int size : new int[] {1, 2, 3, 7, 64}) {
            List<String> problems = new ArrayList<>();
            LsofFields.Parser parser = new LsofFields.Parser(problems::add);
            for (int start = 0; start < output.length; start += size) {
                byte[] chunk = Arrays.copyOfRange(output, start, Math.min(output.length, start + size));
                parser.feed(chunk, chunk.length);
            }
            assertThat(parser.finish()).as("chunks of %d bytes", size).isEqualTo(whole);
            assertThat(problems).as("chunks of %d bytes", size).isEqualTo(wholeMalformed);
        }
    }

    @Test
    void emptyOutputIsNoListener() {
        assertThat(parse("")).isEmpty();
        assertThat(malformed).isEmpty();
    }

    private List<LsofSocket> parse(String output) {
        return LsofFields.parse(output, malformed::add);
    }
}
