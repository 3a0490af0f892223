package io.portwatch.registry.iana;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IanaCsvParserTest {

    private static final String HEADER = "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
            + "Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";

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
            IanaRegistry registry = IanaCsvParser.parse(csv);

            assertThat(registry.rowsRead()).isEqualTo(14_447);
            assertThat(registry.entries()).hasSizeGreaterThan(12_000)
                    .containsKeys(key("tcp", 311), key("udp", 3031), key("udp", 3283), key("sctp", 9), key("dccp", 9));
            assertThat(registry.entries().get(key("tcp", 3283)).serviceName()).isEqualTo("Apple Remote Desktop (Net Assistant)");
        }
    }

    @Test
    void fileWithoutIanasColumnsIsRefused() {
        assertThatThrownBy(() -> IanaCsvParser.parse(stream("name,port\nssh,22\n")))
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

    private static IanaRegistry parse(String rows) {
        return IanaCsvParser.parse(stream(HEADER + rows));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static PortKey key(String transport, int port) {
        return new PortKey(Transport.parse(transport), port);
    }
}
