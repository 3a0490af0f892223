package io.portwatch.registry.iana;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.knowledge.IanaEntry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IanaCsvParserTest {

    private static final String HEADER = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
            + "Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";
    /** The defaults of {@code portwatch.registry.iana.*}. */
    private static final IanaLimits LIMITS = new IanaLimits(100_000, 1_000, 1_000_000);

    @Test
    void rangeExpandsToEveryPort() {
        IanaRegistry registry = parse("x11,6000-6063,tcp,X Window System,,,,,,,,\n");

        assertThat(registry.entries()).hasSize(64).containsKeys(key("tcp", 6000), key("tcp", 6063));
        assertThat(registry.entries().get(key("tcp", 6031)).serviceName()).isEqualTo("x11");
    }

    @Test
    void quotedMultiLineFieldIsOneRecordOnOneLine() {
        IanaRegistry registry = parse("""
                mline,4000,tcp,"first line
                second line",,,,,,,,
                next,4001,tcp,Next,,,,,,,,
                """);

        assertThat(registry.rowsRead()).isEqualTo(2);
        assertThat(registry.entries().get(key("tcp", 4000)).description()).isEqualTo("first line second line");
    }

    @Test
    void nameThatIsNotATokenIsKept() {
        IanaRegistry registry = parse("Apple Remote Desktop (Net Assistant),3283,udp,Net Assistant,[Michael_Stein],,,2011-11-09,,,,\n");

        assertThat(registry.entries().get(key("udp", 3283)).serviceName()).isEqualTo("Apple Remote Desktop (Net Assistant)");
        assertThat(registry.entries().get(key("udp", 3283)).status()).isEqualTo(ServiceStatus.ACTIVE);
    }

    @Test
    void unnamedReservedRowIsReserved() {
        IanaEntry entry = parse(",0,tcp,Reserved,[Jon_Postel],[Jon_Postel],,,,,,\n").entries().get(key("tcp", 0));

        assertThat(entry.serviceName()).isNull();
        assertThat(entry.status()).isEqualTo(ServiceStatus.RESERVED);
    }

    @Test
    void unassignedRowsAndNameOnlyRowsAddNothing() {
        IanaRegistry registry = parse("""
                ,29170-29998,,Unassigned,,,,,,,,
                argus,,,ARGUS Protocol,,,,,,,,
                """);

        assertThat(registry.rowsRead()).isEqualTo(2);
        assertThat(registry.entries()).isEmpty();
    }

    @Test
    void rowWithoutTransportAppliesToTcpAndUdp() {
        IanaRegistry registry = parse("active-net,3322-3323,,Active Networks,,,,,,,,\n");

        assertThat(registry.entries().keySet()).containsExactlyInAnyOrder(key("tcp", 3322), key("udp", 3322),
                key("tcp", 3323), key("udp", 3323));
    }

    @Test
    void secondNameOnAPortIsAnAlias() {
        IanaEntry entry = parse("""
                name,42,tcp,Host Name Server,,,,,,,,
                nameserver,42,tcp,Host Name Server,,,,,,,,
                """).entries().get(key("tcp", 42));

        assertThat(entry.serviceName()).isEqualTo("name");
        assertThat(entry.aliases()).containsExactly("nameserver");
    }

    @Test
    void deRegisteredIsUnassignedWithItsDescription() {
        IanaEntry entry = parse(",1000,udp,De-registered,,,,,,,,\n").entries().get(key("udp", 1000));

        assertThat(entry.status()).isEqualTo(ServiceStatus.UNASSIGNED);
        assertThat(entry.description()).isEqualTo("De-registered");
    }

    @Test
    void sctpAndDccpRowsAreKept() {
        IanaRegistry registry = parse("""
                diameter,3868,sctp,DIAMETER,,,,,,,,
                syslog-tls,6514,dccp,syslog over DTLS,,,,,,,,
                """);

        assertThat(registry.entries()).containsKeys(key("sctp", 3868), key("dccp", 6514));
    }

    @Test
    void sameFileGivesTheSameDigestAndAnotherFileAnother() {
        String row = "tcpmux,1,tcp,TCP Port Service Multiplexer,,,,,,,,\n";

        assertThat(parse(row).sha256()).isEqualTo(parse(row).sha256()).hasSize(64);
        assertThat(parse(row).sha256()).isNotEqualTo(parse(row.replace("1,", "2,")).sha256());
    }

    @Test
    void wholeBundledFileParses() throws Exception {
        try (InputStream csv = getClass().getClassLoader().getResourceAsStream(IanaImporter.BUNDLED)) {
            IanaRegistry registry = IanaCsvParser.parse(csv, LIMITS);

            assertThat(registry.rowsRead()).isEqualTo(14_447);
            assertThat(registry.entries()).hasSizeGreaterThan(12_000)
                    .containsKeys(key("tcp", 311), key("udp", 3031), key("udp", 3283), key("sctp", 9), key("dccp", 9));
            assertThat(registry.entries().get(key("tcp", 3283)).serviceName()).isEqualTo("Apple Remote Desktop (Net Assistant)");
        }
    }

    @Test
    void fileWithoutIanasColumnsIsRefused() {
        assertThatThrownBy(() -> IanaCsvParser.parse(stream("name,port\nssh,22\n"), LIMITS))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("no column 'Service Name'");
    }

    @Test
    void portThatIsNotANumberIsRefusedWithItsRecord() {
        assertThatThrownBy(() -> parse("bad,12x,tcp,Bad,,,,,,,,\n"))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("record 1").hasMessageContaining("12x");
    }

    @Test
    void portBeyond65535IsRefused() {
        assertThatThrownBy(() -> parse("bad,70000,tcp,Bad,,,,,,,,\n")).isInstanceOf(IanaFormatException.class);
    }

    @Test
    void unknownTransportIsRefused() {
        assertThatThrownBy(() -> parse("bad,7,icmp,Bad,,,,,,,,\n"))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("icmp");
    }

    @Test
    void byteOrderMarkInFrontIsSkipped() {
        IanaRegistry registry = IanaCsvParser.parse(stream("\uFEFF" + HEADER + "ssh,22,tcp,The Secure Shell (SSH) Protocol,,,,,,,,\n"), LIMITS);

        assertThat(registry.entries().get(key("tcp", 22)).serviceName()).isEqualTo("ssh");
    }

    @Test
    void fileWithMoreRowsThanTheLimitIsRefusedNamingTheRecord() {
        String rows = "a,1,tcp,A,,,,,,,,\n".repeat(3);

        assertThatThrownBy(() -> IanaCsvParser.parse(stream(HEADER + rows), new IanaLimits(2, 1_000, 1_000_000)))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("record 3").hasMessageContaining("more than 2 records");
    }

    @Test
    void rangeWiderThanTheLimitIsRefusedNamingTheRecord() {
        assertThatThrownBy(() -> parse("tcpmux,1,tcp,Mux,,,,,,,,\nhuge,0-65535,,Everything,,,,,,,,\n"))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("record 2").hasMessageContaining("65536 ports, more than 1000");
    }

    @Test
    void rowsThatExpandToMoreTransportPortsThanTheLimitAreRefusedBeforeExpanding() {
        String rows = "a,1-1000,,A,,,,,,,,\nb,2001-3000,,B,,,,,,,,\n";

        assertThatThrownBy(() -> IanaCsvParser.parse(stream(HEADER + rows), new IanaLimits(100_000, 1_000, 2_500)))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("record 2: the file's rows expand to more than 2500 transport/ports");
    }

    @Test
    void unassignedRangeIsNotExpandedSoNoLimitApplies() {
        assertThat(parse(",0-65535,,Unassigned,,,,,,,,\n").entries()).isEmpty();
    }

    @Test
    void serviceNameLongerThanTheContractsIsRefused() {
        assertThatThrownBy(() -> parse("n".repeat(256) + ",22,tcp,Long,,,,,,,,\n"))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("record 1").hasMessageContaining("Service Name is 256 characters long, more than 255");
    }

    @Test
    void descriptionLongerThanTheCuratedLayersIsRefused() {
        assertThatThrownBy(() -> parse("ssh,22,tcp," + "d".repeat(4_001) + ",,,,,,,,\n"))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("Description is 4001 characters long, more than 4000");
    }

    @Test
    void controlCharacterIsRefusedAndShownEscaped() {
        assertThatThrownBy(() -> parse("a\u001b[2K,22,tcp,Erases a line,,,,,,,,\n"))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("record 1").hasMessageContaining("control character: a\\x1B[2K")
                .message().doesNotContain("\u001b");
    }

    @Test
    void moreAliasesOnAPortThanTheCuratedLayerAllowsAreRefused() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i <= 51; i++) {
            rows.append("name").append(i).append(",7,tcp,Echo,,,,,,,,\n");
        }

        assertThatThrownBy(() -> parse(rows.toString()))
                .isInstanceOf(IanaFormatException.class)
                .hasMessageContaining("record 52").hasMessageContaining("the aliases of tcp/7 holds 51 items, more than 50");
    }

    private static IanaRegistry parse(String rows) {
        return IanaCsvParser.parse(stream(HEADER + rows), LIMITS);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static PortKey key(String transport, int port) {
        return new PortKey(Transport.parse(transport), port);
    }
}
