package io.portwatch.simulators;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorsTest {

    /** A loopback address of its own per test run, so the standard ports do not clash with anything on 127.0.0.1. */
    private final String bind = "127.0.0." + ThreadLocalRandom.current().nextInt(2, 250);

    @Test
    void armsAnswersA32ByteStatusQueryWith1034Bytes() throws Exception {
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", bind, "--services", "arms", "--arms-port", "13283"));
             DatagramSocket client = new DatagramSocket()) {
            byte[] query = new byte[32];
            query[1] = 0x14;
            query[3] = 0x01;
            query[4] = 0x03;
            client.setSoTimeout(5_000);
            client.send(new DatagramPacket(query, query.length, new InetSocketAddress(bind, 13283)));
            DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
            client.receive(answer);
            assertThat(answer.getLength()).isEqualTo(1034);
        }
    }

    @Test
    void armsIgnoresWhatIsNotAStatusQuery() {
        assertThat(ArmsResponder.isStatusQuery(new byte[32], 32)).isFalse();
        assertThat(ArmsResponder.isStatusQuery(new byte[] {0, 0x14, 0, 1, 3}, 5)).isTrue();
        assertThat(ArmsResponder.isStatusQuery(new byte[] {0, 0x14, 0, 1}, 4)).isFalse();
    }

    @Test
    void webAdminAsksForBasicCredentialsOverPlainHttp() throws Exception {
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", bind, "--services", "webadmin",
                "--webadmin-port", "10311"))) {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + bind + ":10311/").toURL().openConnection();
            assertThat(connection.getResponseCode()).isEqualTo(401);
            assertThat(connection.getHeaderField("WWW-Authenticate")).isEqualTo("Basic realm=\"AppleShare IP Web Admin\"");
            assertThat(connection.getHeaderField("Server")).startsWith("AppleShareIP");
        }
    }

    @Test
    void eppcListensOnTcpAndUdpAndBulkListenersAccept() throws Exception {
        try (Simulators simulators = Simulators.start(SimulatorOptions.parse("--bind", bind, "--services", "eppc",
                "--eppc-port", "13031", "--bulk", "20"))) {
            assertThat(simulators.services()).extracting(SimulatedService::describe)
                    .contains("eppc tcp " + bind + ":13031", "eppc udp " + bind + ":13031", "20 bulk listeners tcp " + bind + ":<ephemeral>");
            try (Socket eppc = new Socket(bind, 13031); InputStream in = eppc.getInputStream()) {
                eppc.shutdownOutput();
                assertThat(in.read()).as("eppc sends no banner and closes when the client does").isEqualTo(-1);
            }
            BulkListeners bulk = (BulkListeners) simulators.services().get(2);
            assertThat(bulk.ports()).hasSize(20).doesNotHaveDuplicates();
            try (Socket ignored = new Socket(bind, bulk.ports().get(0))) {
                assertThat(ignored.isConnected()).isTrue();
            }
        }
    }

    @Test
    void optionsRefuseBadInputWithTheReason() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--bind", "192.0.2.10"))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> SimulatorOptions.parse("--arms-port", "70000")).hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> SimulatorOptions.parse("--services", "telnet")).hasMessageContaining("unknown service telnet");
        assertThatThrownBy(() -> SimulatorOptions.parse("--bulk")).hasMessageContaining("missing value after --bulk");
        assertThat(SimulatorOptions.parse().services()).containsExactlyInAnyOrder("arms", "ard", "webadmin", "eppc");
    }
}
