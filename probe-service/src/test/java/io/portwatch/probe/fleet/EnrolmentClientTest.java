package io.portwatch.probe.fleet;

import io.portwatch.events.listener.ProbeMode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.portwatch.probe.fleet.FakeAlertService.enrolled;
import static io.portwatch.probe.fleet.FakeAlertService.slow;
import static io.portwatch.probe.fleet.FakeAlertService.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

/** The enrolment client against a scripted alert-service on loopback: what it sends, and every kind of answer. */
class EnrolmentClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final EnrolmentRequest REQUEST = new EnrolmentRequest("s3cret", "node-a", ProbeMode.NETWORK, "lab",
            List.of("127.0.0.0/8"));

    @Test
    void createdGivesCredentialsForTheNodeAskedFor() {
        try (FakeAlertService alert = FakeAlertService.start(enrolled("p-1"))) {
            EnrolmentClient.Outcome outcome = client(alert.url()).enrol(REQUEST);

            assertThat(outcome).asInstanceOf(type(EnrolmentClient.Enrolled.class)).extracting(EnrolmentClient.Enrolled::credentials)
                    .isEqualTo(new ProbeCredentials("p-1", FakeAlertService.KEY, "node-a", ProbeMode.NETWORK, "lab", List.of("127.0.0.0/8")));
            assertThat(alert.requests()).singleElement().satisfies(request -> {
                assertThat(request.get("enrolSecret").asText()).isEqualTo("s3cret");
                assertThat(request.get("node").asText()).isEqualTo("node-a");
                assertThat(request.get("mode").asText()).isEqualTo("NETWORK");
                assertThat(request.get("zone").asText()).isEqualTo("lab");
                assertThat(request.get("scopes").get(0).asText()).isEqualTo("127.0.0.0/8");
            });
        }
    }

    @Test
    void aWrongSecretIsARefusal() {
        try (FakeAlertService alert = FakeAlertService.start(status(401, "{\"status\":401}"))) {
            assertThat(client(alert.url()).enrol(REQUEST)).isEqualTo(new EnrolmentClient.Refused(401, "the enrol secret was refused"));
        }
    }

    @Test
    void aNodeAlreadyEnrolledIsARefusalThatSaysWhatToDo() {
        try (FakeAlertService alert = FakeAlertService.start(status(409, "{}"))) {
            assertThat(client(alert.url()).enrol(REQUEST)).asInstanceOf(type(EnrolmentClient.Refused.class))
                    .extracting(EnrolmentClient.Refused::reason).asString().contains("node-a is already enrolled").contains("revoke");
        }
    }

    @Test
    void aRefusalsDetailIsEscapedAndCut() {
        String detail = "scope 10.0.0.0/8 is outside\u001b]0;pwned\u0007" + "x".repeat(1_000);
        try (FakeAlertService alert = FakeAlertService.start(status(422, "{\"detail\":\"" + detail.replace("\u001b", "\\u001b")
                .replace("\u0007", "\\u0007") + "\"}"))) {
            String reason = ((EnrolmentClient.Refused) client(alert.url()).enrol(REQUEST)).reason();

            assertThat(reason).startsWith("refused with 422: scope 10.0.0.0/8 is outside\\x1B]0;pwned\\x07").doesNotContain("\u001b")
                    .hasSizeLessThan(260);
        }
    }

    @Test
    void aServerErrorIsWorthRetrying() {
        try (FakeAlertService alert = FakeAlertService.start(status(503, "{\"detail\":\"starting\"}"))) {
            assertThat(client(alert.url()).enrol(REQUEST)).isEqualTo(new EnrolmentClient.Failed("answered 503: starting"));
        }
    }

    @Test
    void garbageIsNoCredentials() {
        for (String garbage : List.of("not json", "null", "[]", "{}", "{\"probeId\":\"p-1\"}",
                "{\"probeId\":\"p 1\",\"key\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"algorithm\":\"hmac-sha256\",\"node\":\"node-a\","
                        + "\"mode\":\"NETWORK\",\"zone\":\"lab\"}")) {
            try (FakeAlertService alert = FakeAlertService.start(status(201, garbage))) {
                assertThat(client(alert.url()).enrol(REQUEST)).as(garbage).isInstanceOf(EnrolmentClient.Failed.class);
            }
        }
    }

    @Test
    void aKeyThatIsNotExactly32BytesIsRefused() {
        for (int bytes : new int[] {0, 16, 31, 33, 64}) {
            String key = java.util.Base64.getEncoder().encodeToString(new byte[bytes]);
            try (FakeAlertService alert = FakeAlertService.start(status(201, credentials(key, "hmac-sha256", "node-a")))) {
                assertThat(client(alert.url()).enrol(REQUEST)).as(bytes + " bytes").isInstanceOf(EnrolmentClient.Failed.class);
            }
        }
    }

    @Test
    void credentialsForAnotherNodeOrAlgorithmAreRefused() {
        String key = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        try (FakeAlertService alert = FakeAlertService.start(status(201, credentials(key, "hmac-sha256", "node-b")))) {
            assertThat(client(alert.url()).enrol(REQUEST)).asInstanceOf(type(EnrolmentClient.Failed.class))
                    .extracting(EnrolmentClient.Failed::reason).asString().contains("node node-b");
        }
        try (FakeAlertService alert = FakeAlertService.start(status(201, credentials(key, "none", "node-a")))) {
            assertThat(client(alert.url()).enrol(REQUEST)).isInstanceOf(EnrolmentClient.Failed.class);
        }
    }

    @Test
    void anAnswerLargerThanTheLimitIsNotRead() {
        String huge = "{\"detail\":\"" + "x".repeat(EnrolmentClient.MAX_ANSWER_BYTES) + "\"}";
        try (FakeAlertService alert = FakeAlertService.start(status(201, huge))) {
            assertThat(client(alert.url()).enrol(REQUEST)).asInstanceOf(type(EnrolmentClient.Failed.class))
                    .extracting(EnrolmentClient.Failed::reason).asString().contains("larger than " + EnrolmentClient.MAX_ANSWER_BYTES);
        }
    }

    @Test
    void aSlowServerIsGivenUpAtTheTimeout() {
        try (FakeAlertService alert = FakeAlertService.start(slow(enrolled("p-1"), TIMEOUT.multipliedBy(5)))) {
            long started = System.nanoTime();

            EnrolmentClient.Outcome outcome = client(alert.url()).enrol(REQUEST);

            assertThat(outcome).isInstanceOf(EnrolmentClient.Failed.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
        }
    }

    @Test
    void nobodyListeningIsWorthRetrying() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(client(URI.create("http://127.0.0.1:" + closedPort)).enrol(REQUEST)).isInstanceOf(EnrolmentClient.Failed.class);
    }

    @Test
    void onlyHttpUrlsAreTaken() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EnrolmentClient(URI.create("file:///etc/passwd"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String credentials(String key, String algorithm, String node) {
        return "{\"probeId\":\"p-1\",\"key\":\"" + key + "\",\"algorithm\":\"" + algorithm + "\",\"node\":\"" + node
                + "\",\"mode\":\"NETWORK\",\"zone\":\"lab\",\"scopes\":[\"127.0.0.0/8\"]}";
    }

    private static EnrolmentClient client(URI url) {
        return new EnrolmentClient(url, TIMEOUT);
    }
}
