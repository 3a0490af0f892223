package io.portwatch.system;

import io.portwatch.events.Topics;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.portwatch.events.fleet.RecordSignature;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.PostgresDatabase;
import io.portwatch.testing.TestNetns;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12's proof on a real stack of processes: a broker, PostgreSQL, registry- and alert-service (refusing
 * unsigned records), two enrolled host probes ({@code node-a} in zone {@code lab}, {@code node-b} in
 * {@code zone-b}) and one enrolled network probe in {@code lab}. The test's namespace {@code pwi-a}, linked to
 * the test's own by a veth pair (10.203.0.1 here, 10.203.0.2 there), holds eppc (3031) and afpovertcp (548)
 * listeners: node-a reports them with the namespace's address, the network probe reaches 10.203.0.2:3031.
 * Then: probe B's key signs for A's host; records unsigned, mis-keyed and dated 2100 arrive; probe A is killed
 * and comes back. All traffic stays on loopback and inside the test's namespace.
 */
@Tag("impersonation")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImpersonationIT {

    private static final String NAMESPACE = "pwi-a";
    private static final String HERE = "10.203.0.1";
    private static final String THERE = "10.203.0.2";
    private static final String ZONE = "lab";
    private static final String NODE_A = "node-a";
    private static final String NODE_B = "node-b";
    private static final String SCANNER = "scanner-lab";
    private static final String HOST_A = NODE_A + "/netns/" + NAMESPACE;
    private static final String NETWORK_HOST = THERE + "@" + ZONE;
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final int MISSED_HEARTBEATS = 3;
    /** probe-silent is due after 3 missed 1 s heartbeats and the next 1 s check; the rest is slack for a busy machine. */
    private static final Duration SILENCE_BOUND = Duration.ofSeconds(20);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Path CHURNER = Path.of("src/test/resources/fault/churner.py");

    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBroker broker;
    private FleetSecrets secrets;
    private ServiceProcess alert;
    private ServiceProcess probeA;
    private Process listeners;
    private PrintWriter commands;
    private BufferedReader answers;
    private String publicKey;

    @BeforeAll
    void startTheStackAndTheProbes() {
        broker = KafkaBroker.start(Path.of("target"));
        JwtKeys keys = JwtKeys.generate(Path.of("target", "jwt-impersonation"));
        publicKey = keys.publicKey().toString();
        secrets = FleetSecrets.create(Path.of("target", "fleet-impersonation"));
        String kafka = broker.bootstrapServers();
        start("registry-service", Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("registry_impersonation_it", "registry").jdbcUrl(),
                "mp.jwt.verify.publickey.location", publicKey));
        Map<String, String> alertConfig = new HashMap<>(secrets.alertConfig("127.0.0.0/8,::1/128," + THERE + "/32"));
        alertConfig.putAll(Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("alert_impersonation_it", "alert").jdbcUrl(),
                "mp.jwt.verify.publickey.location", publicKey,
                "portwatch.alert.fleet.missed-heartbeats", Integer.toString(MISSED_HEARTBEATS),
                "portwatch.alert.fleet.silence-check", "1s"));
        alert = start("alert-service", alertConfig);

        TestNetns.add(NAMESPACE);
        TestNetns.link(NAMESPACE, HERE + "/30", THERE + "/30");
        listeners = TestNetns.startPython(NAMESPACE, CHURNER, List.of());
        commands = new PrintWriter(listeners.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(listeners.getInputStream(), StandardCharsets.UTF_8));
        command("open tcp 3031");
        command("open tcp 548");

        probeA = startHostProbe(NODE_A, ZONE);
        startHostProbe(NODE_B, "zone-b");
        Map<String, String> scanner = probeConfig(SCANNER, ZONE);
        scanner.putAll(Map.of("portwatch.probe.host-mode.enabled", "false",
                "portwatch.probe.network-mode.allowed-scopes", THERE + "/32",
                "portwatch.probe.network-mode.schedule.targets", THERE,
                "portwatch.probe.network-mode.schedule.ports", "3031",
                "portwatch.probe.network-mode.schedule.transports", "tcp",
                "portwatch.probe.network-mode.schedule.every", "5s"));
        start("probe-service", scanner);
    }

    @AfterAll
    void stopEverything() {
        try {
            if (listeners != null) {
                commands.close();
                ServiceProcess.stop(listeners);
            }
            TestNetns.delete(NAMESPACE);
        } finally {
            Collections.reverse(services);
            services.forEach(ServiceProcess::close);
            if (broker != null) {
                broker.stop();
            }
        }
    }

    @Test
    @Order(1)
    void everyProbeIsEnrolledAndListed() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            List<Map<String, Object>> probes = given().port(alert.httpPort()).get("/api/v1/probes").then().statusCode(200)
                    .extract().path("items");
            assertThat(probes).extracting(probe -> probe.get("node") + " " + probe.get("status"))
                    .contains(NODE_A + " ACTIVE", NODE_B + " ACTIVE", SCANNER + " ACTIVE");
        });
    }

    @Test
    @Order(2)
    void probeBSigningForAsHostIsRefusedAndRaisesImpersonation() {
        Map<String, Object> before = awaitFinding(HOST_A, 3031, "legacy-service-exposed", f -> "OPEN".equals(f.get("state")));
        FleetSecrets.Identity b = secrets.identity(NODE_B);
        ListenerEvent forged = snapshot(new ProbeInfo(b.probeId(), "zone-b", ProbeMode.HOST), HOST_A, Instant.now());

        ConsumerRecord<String, byte[]> dead = sendAndAwaitDeadLetter(HOST_A, forged, b);

        assertThat(reason(dead)).startsWith("impersonation");
        Map<String, Object> impersonation = awaitFinding(f -> "probe-impersonation".equals(f.get("rule"))
                && b.probeId().equals(probeId(f)));
        assertThat(impersonation.get("severity")).isEqualTo("CRITICAL");
        Map<String, Object> after = awaitFinding(HOST_A, 3031, "legacy-service-exposed", f -> true);
        assertThat(after.get("state")).isEqualTo("OPEN");
        assertThat(after.get("version")).isEqualTo(before.get("version"));
    }

    @Test
    @Order(3)
    void unsignedMisKeyedAndFutureRecordsAreEachRefusedWithTheirReason() {
        FleetSecrets.Identity a = secrets.identity(NODE_A);
        ProbeInfo probeA = new ProbeInfo(a.probeId(), ZONE, ProbeMode.HOST);

        ConsumerRecord<String, byte[]> unsigned = sendAndAwaitDeadLetter(HOST_A, snapshot(probeA, HOST_A, Instant.now()), null);
        ConsumerRecord<String, byte[]> misKeyed = sendAndAwaitDeadLetter(NODE_A + "/netns/elsewhere", snapshot(probeA, HOST_A, Instant.now()), a);
        ConsumerRecord<String, byte[]> future = sendAndAwaitDeadLetter(HOST_A,
                snapshot(probeA, HOST_A, Instant.parse("2100-01-01T00:00:00Z")), a);

        assertThat(reason(unsigned)).contains("unsigned");
        assertThat(reason(misKeyed)).contains("key");
        assertThat(reason(future)).contains("observedAt");
        assertThat(awaitFinding(HOST_A, 3031, "legacy-service-exposed", f -> true).get("state")).isEqualTo("OPEN");
    }

    @Test
    @Order(4)
    void theNetworkProbesFindingOnAsAddressCarriesAsAsset() {
        Map<String, Object> reached = awaitFinding(NETWORK_HOST, 3031, "legacy-service-exposed", f -> NODE_A.equals(f.get("asset")));

        assertThat(reached.get("state")).isEqualTo("OPEN");
        List<Map<String, Object>> assetFindings = given().port(alert.httpPort()).queryParam("asset", NODE_A).get("/api/v1/findings")
                .then().statusCode(200).extract().path("items");
        assertThat(assetFindings).extracting(f -> hostId(f)).contains(HOST_A, NETWORK_HOST);
    }

    @Test
    @Order(5)
    void aSilentProbesFindingsGoStaleAndComeBackAsItNowSeesThem() {
        String probeIdA = secrets.identity(NODE_A).probeId();
        probeA.kill();
        Instant killed = Instant.now();

        Map<String, Object> silent = awaitFinding(SILENCE_BOUND, f -> "probe-silent".equals(f.get("rule"))
                && probeIdA.equals(probeId(f)) && "OPEN".equals(f.get("state")));
        Duration toSilent = Duration.between(killed, Instant.now());
        assertThat(silent.get("host")).asString().contains(NODE_A);
        awaitFinding(HOST_A, 3031, "legacy-service-exposed", f -> "STALE".equals(f.get("state")));
        awaitFinding(HOST_A, 548, "legacy-service-exposed", f -> "STALE".equals(f.get("state")));
        System.out.printf("probe-silent %d ms after probe A was killed%n", toSilent.toMillis());

        command("close tcp 548");
        probeA = startHostProbe(NODE_A, ZONE);

        awaitFinding(HOST_A, 3031, "legacy-service-exposed", f -> "OPEN".equals(f.get("state")));
        awaitFinding(HOST_A, 548, "legacy-service-exposed", f -> "RESOLVED".equals(f.get("state")));
        awaitFinding(f -> "probe-silent".equals(f.get("rule")) && probeIdA.equals(probeId(f)) && "RESOLVED".equals(f.get("state")));
        assertThat(secrets.identity(NODE_A).probeId()).as("the restarted probe keeps its identity").isEqualTo(probeIdA);
    }

    private ServiceProcess startHostProbe(String node, String zone) {
        Map<String, String> config = probeConfig(node, zone);
        config.putAll(Map.of("portwatch.probe.host-mode.interval", "1s",
                "portwatch.probe.host-mode.snapshot-every", "5"));
        return start("probe-service", config);
    }

    private Map<String, String> probeConfig(String name, String zone) {
        Map<String, String> config = new HashMap<>(secrets.probeConfig(alert.httpPort(), name));
        config.putAll(Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "mp.jwt.verify.publickey.location", publicKey,
                "portwatch.probe.host.id", name,
                "portwatch.probe.zone", zone,
                "portwatch.probe.heartbeat.interval", HEARTBEAT.toSeconds() + "s"));
        return config;
    }

    private ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess service = ServiceProcess.start(module, config);
        services.add(service);
        return service.awaitReady();
    }

    private void command(String command) {
        commands.println(command);
        try {
            assertThat(answers.readLine()).as(command).isEqualTo("ok");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ListenerEvent snapshot(ProbeInfo probe, String hostId, Instant observedAt) {
        return new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.SNAPSHOT, observedAt, probe,
                new HostInfo(hostId, hostId, List.of(), NODE_A), List.of());
    }

    /** Writes the event under {@code key}, signed with {@code signer}'s key (unsigned when null), and waits for it in the DLQ. */
    private ConsumerRecord<String, byte[]> sendAndAwaitDeadLetter(String key, ListenerEvent event, FleetSecrets.Identity signer) {
        byte[] value = EventJson.toBytes(event);
        List<Header> headers = new ArrayList<>();
        if (signer != null) {
            headers.add(new RecordHeader(RecordSignature.PROBE_HEADER, signer.probeId().getBytes(StandardCharsets.UTF_8)));
            headers.add(new RecordHeader(RecordSignature.SIGNATURE_HEADER,
                    new RecordSignature(signer.key()).sign(Topics.LISTENERS, key, value).getBytes(StandardCharsets.UTF_8)));
        }
        try (TopicReader dlq = new TopicReader(broker.bootstrapServers(), Topics.LISTENERS_DLQ);
                TopicWriter writer = new TopicWriter(broker.bootstrapServers())) {
            writer.send(Topics.LISTENERS, key, value, headers);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                dlq.poll().stream().filter(record -> java.util.Arrays.equals(record.value(), value)).forEach(found::add);
                return !found.isEmpty();
            });
            assertThat(found.get(0).key()).isEqualTo(key);
            return found.get(0);
        }
    }

    private static String reason(ConsumerRecord<String, byte[]> record) {
        Header reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
        return reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8);
    }

    private Map<String, Object> awaitFinding(String hostId, int port, String rule, Predicate<Map<String, Object>> condition) {
        return awaitFinding(f -> hostId.equals(hostId(f)) && rule.equals(f.get("rule")) && port(f) == port && condition.test(f));
    }

    private Map<String, Object> awaitFinding(Predicate<Map<String, Object>> condition) {
        return awaitFinding(DEADLINE, condition);
    }

    private Map<String, Object> awaitFinding(Duration deadline, Predicate<Map<String, Object>> condition) {
        List<Map<String, Object>> found = new ArrayList<>();
        await().atMost(deadline).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Map<String, Object>> items = given().port(alert.httpPort()).queryParam("size", 500).get("/api/v1/findings")
                    .then().statusCode(200).extract().path("items");
            found.clear();
            items.stream().filter(condition).findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    private static String hostId(Map<String, Object> finding) {
        return (String) ((Map<String, Object>) finding.get("host")).get("id");
    }

    @SuppressWarnings("unchecked")
    private static int port(Map<String, Object> finding) {
        return Optional.ofNullable((Map<String, Object>) finding.get("listener")).map(l -> (Integer) l.get("port")).orElse(-1);
    }

    @SuppressWarnings("unchecked")
    private static String probeId(Map<String, Object> finding) {
        return Optional.ofNullable((Map<String, Object>) finding.get("probe")).map(p -> (String) p.get("id")).orElse(null);
    }
}
