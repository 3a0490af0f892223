package io.portwatch.probe.network;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.simulators.SimulatorOptions;
import io.portwatch.simulators.Simulators;
import io.portwatch.simulators.TcpService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol evidence from real sockets on a loopback address of the test's own, against the simulators'
 * hostile services: escaped headers, a tarpit cut off at the deadline, an HTTPS-only admin page.
 */
class ProtocolEvidenceTest {

    private static final int HTTP_PORT = 10311;
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final ScheduledExecutorService GUARDS = Executors.newSingleThreadScheduledExecutor();
    private static final ProtocolEvidence EVIDENCE = new ProtocolEvidence(
            new PlainExchange(Duration.ofSeconds(1), IDLE, 16_384, GUARDS), new TlsHandshake(Duration.ofSeconds(1), IDLE, GUARDS),
            Set.of(HTTP_PORT), Set.of(HTTP_PORT));

    private final String address = "127.0." + ThreadLocalRandom.current().nextInt(1, 250) + "." + ThreadLocalRandom.current().nextInt(2, 250);

    @AfterAll
    static void stopGuards() {
        GUARDS.shutdownNow();
    }

    @Test
    void controlCharactersInHeadersAreEscaped() throws Exception {
        try (Simulators ignored = simulators("hostile-http", "--hostile-http-port", String.valueOf(HTTP_PORT))) {
            Evidence evidence = EVIDENCE.of(target(HTTP_PORT), deadline(Duration.ofSeconds(10)));

            assertThat(evidence.httpStatus()).isEqualTo(401);
            assertThat(evidence.httpServer()).isEqualTo("pw\\x00x\\x1B[2K\\x1B]0;pwned\\x07");
            assertThat(evidence.httpAuth()).isEqualTo("Basic");
            assertThat(evidence.banner()).isEqualTo("HTTP/1.0 401 X");
            assertThat(evidence.tls()).isFalse();
            assertThat(evidence.timedOut()).isNull();
            assertThat(evidence.plainHttpRefused()).isNull();
        }
    }

    @Test
    void anOversizedHeaderIsCutToTheContractsLength() throws Exception {
        String server = "\u001b".repeat(100) + "A".repeat(20_000);
        try (TcpService ignored = new TcpService("huge-header", new InetSocketAddress(address, HTTP_PORT),
                "HTTP/1.0 200 OK\r\nServer: " + server + "\r\n\r\n")) {
            Evidence evidence = EVIDENCE.of(target(HTTP_PORT), deadline(Duration.ofSeconds(10)));

            assertThat(evidence.httpStatus()).isEqualTo(200);
            assertThat(evidence.responseBytes()).isEqualTo(16_384);
            assertThat(evidence.httpServer()).hasSizeLessThanOrEqualTo(ContractLimits.EVIDENCE_TEXT)
                    .startsWith("\\x1B\\x1B").endsWith("A…");
            assertThat(ControlCharacters.present(evidence.httpServer())).isFalse();
        }
    }

    @Test
    void aTarpitIsCutOffAtTheDeadlineAndKeepsWhatItSent() throws Exception {
        try (Simulators ignored = simulators("tarpit", "--tarpit-port", "12311", "--tarpit-lifetime", "60")) {
            long start = System.nanoTime();
            Evidence evidence = EVIDENCE.of(target(12311), deadline(Duration.ofSeconds(3)));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(evidence.timedOut()).isTrue();
            assertThat(evidence.kind()).isEqualTo("tcp-banner");
            assertThat(evidence.banner()).startsWith("22");
            assertThat(evidence.responseBytes()).isBetween(2, 4);
        }
    }

    @Test
    void aTarpitOnAnAdminPortCannotHoldTheTlsHandshakePastTheDeadline() throws Exception {
        try (Simulators ignored = simulators("tarpit", "--tarpit-port", String.valueOf(HTTP_PORT), "--tarpit-lifetime", "60")) {
            long start = System.nanoTime();
            Evidence evidence = EVIDENCE.of(target(HTTP_PORT), deadline(Duration.ofSeconds(3)));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            assertThat(evidence.timedOut()).isTrue();
            assertThat(evidence.httpAuth()).isNull();
        }
    }

    @Test
    void anHttpsOnlyAdminIsTlsAndRefusesPlainHttp() throws Exception {
        try (Simulators ignored = simulators("https-admin", "--https-admin-port", String.valueOf(HTTP_PORT))) {
            Evidence evidence = EVIDENCE.of(target(HTTP_PORT), deadline(Duration.ofSeconds(10)));

            assertThat(evidence.tls()).isTrue();
            assertThat(evidence.plainHttpRefused()).isTrue();
            assertThat(evidence.httpAuth()).isNull();
            assertThat(evidence.httpStatus()).isEqualTo(400);
            assertThat(evidence.tlsSubject()).contains("CN=portwatch-https-admin");
            assertThat(evidence.tlsNotAfter()).isAfter(Instant.now());
            assertThat(evidence.timedOut()).isNull();
        }
    }

    @Test
    void aPlainHttpBasicPageIsNotTls() throws Exception {
        try (Simulators ignored = simulators("webadmin", "--webadmin-port", String.valueOf(HTTP_PORT))) {
            Evidence evidence = EVIDENCE.of(target(HTTP_PORT), deadline(Duration.ofSeconds(10)));

            assertThat(evidence.tls()).isFalse();
            assertThat(evidence.httpAuth()).isEqualTo("Basic realm=\"AppleShare IP Web Admin\"");
            assertThat(evidence.plainHttpRefused()).isNull();
            assertThat(evidence.tlsSubject()).isNull();
        }
    }

    @Test
    void aStoppedScanGathersNothingAndSaysSo() throws Exception {
        try (Simulators ignored = simulators("webadmin", "--webadmin-port", String.valueOf(HTTP_PORT))) {
            Evidence evidence = EVIDENCE.of(target(HTTP_PORT), Deadline.after(Duration.ofSeconds(10), () -> true));

            assertThat(evidence.timedOut()).isTrue();
            assertThat(evidence.tls()).isNull();
            assertThat(evidence.httpStatus()).isNull();
        }
    }

    private Simulators simulators(String service, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "--bind";
        args[1] = address;
        args[2] = "--services";
        args[3] = service;
        System.arraycopy(options, 0, args, 4, options.length);
        return Simulators.start(SimulatorOptions.parse(args));
    }

    private Target target(int port) throws Exception {
        return new Target(InetAddress.getByName(address), Transport.TCP, port);
    }

    private static Deadline deadline(Duration limit) {
        return Deadline.after(limit, () -> false);
    }
}
