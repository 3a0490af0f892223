package io.portwatch.simulators;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
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
        assertThatThrownBy(() -> SimulatorOptions.parse("--tarpit-lifetime", "0")).hasMessageContaining("at least 1");
        assertThat(SimulatorOptions.parse().services()).containsExactlyInAnyOrder("arms", "ard", "webadmin", "eppc");
    }

    @Test
    void hostileServicesRunOnlyWhenAskedFor() {
        assertThat(SimulatorOptions.parse().services()).doesNotContainAnyElementsOf(SimulatorOptions.HOSTILE_SERVICES);
        assertThat(SimulatorOptions.parse("--services", "hostile-http,tarpit,https-admin").services())
                .containsExactlyInAnyOrderElementsOf(SimulatorOptions.HOSTILE_SERVICES);
    }

    @Test
    void hostileHttpSendsControlCharactersInItsServerHeader() throws Exception {
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", bind, "--services", "hostile-http",
                "--hostile-http-port", "18311"));
             Socket client = new Socket(bind, 18311)) {
            client.setSoTimeout(5_000);
            client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.0 401 X\r\n")
                    .contains("Server: pw\u0000x\u001b[2K\u001b]0;pwned\u0007\r\n")
                    .contains("WWW-Authenticate: Basic\r\n");
        }
    }

    @Test
    void tarpitSendsOneBytePerSecond() throws Exception {
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", bind, "--services", "tarpit",
                "--tarpit-port", "12311", "--tarpit-lifetime", "10"));
             Socket client = new Socket(bind, 12311);
             InputStream in = client.getInputStream()) {
            client.setSoTimeout(5_000);
            assertThat(in.read()).isEqualTo('2');
            long firstAt = System.nanoTime();
            assertThat(in.read()).isEqualTo('2');
            assertThat(Duration.ofNanos(System.nanoTime() - firstAt)).isGreaterThan(Duration.ofMillis(900));
        }
    }

    @Test
    void httpsAdminRefusesPlainHttpLikeNginx() throws Exception {
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", bind, "--services", "https-admin",
                "--https-admin-port", "18443"));
             Socket client = new Socket(bind, 18443)) {
            client.setSoTimeout(5_000);
            client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("The plain HTTP request was sent to HTTPS port")
                    .doesNotContain("WWW-Authenticate");
        }
    }

    @Test
    void httpsAdminAsksForBasicCredentialsOverTlsWithASelfSignedCertificate() throws Exception {
        try (Simulators ignored = Simulators.start(SimulatorOptions.parse("--bind", bind, "--services", "https-admin",
                "--https-admin-port", "18444"))) {
            SSLContext trustAll = SSLContext.getInstance("TLS");
            trustAll.init(null, new TrustManager[] {new TrustAll()}, null);
            try (SSLSocket client = (SSLSocket) trustAll.getSocketFactory().createSocket(bind, 18444)) {
                client.setSoTimeout(5_000);
                client.startHandshake();
                client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

                assertThat(answer).startsWith("HTTP/1.1 401 Unauthorized\r\n").contains("WWW-Authenticate: Basic realm=\"Secure Admin\"\r\n");
                X509Certificate certificate = (X509Certificate) client.getSession().getPeerCertificates()[0];
                assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=portwatch-https-admin");
                assertThat(certificate.getNotAfter()).isAfter(new Date());
            }
        }
    }

    /** Accepts the simulator's self-signed certificate. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // The test is the client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Self-signed on purpose.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
