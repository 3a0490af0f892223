package io.portwatch.system;

import io.portwatch.events.Topics;
import io.portwatch.events.contract.DeadLetterHeaders;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.LocalScripts;
import io.portwatch.testing.PostgresDatabase;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The {@code hostile} group, issue 20's proof: one stack as processes (a broker, PostgreSQL, registry- and
 * alert-service, a host-mode probe reading every network namespace and a network-mode probe scanning
 * {@code 127.77.0.1-3:311} on a short schedule) while legitimate hosts (network namespaces the test creates) keep
 * opening and closing 311/3031/3283 and other legacy listeners, and hostile ones at the same time: an admin page
 * with NUL and ESC in its headers, a tarpit, an HTTPS-only admin page, a backdoor calling itself rapportd, an
 * SO_REUSEPORT hijacker next to a process running {@code /usr/libexec/rapportd}, a namespace no process is in, and
 * a producer writing poison and a 65,536-listener SNAPSHOT straight to the topics. Each check adds a row to
 * {@code target/hostile-inputs.tsv}; {@code bench/hostile-report.sh} turns them into the "Hostile inputs" section
 * of bench/RESULTS.md. All traffic stays on loopback and in the test's namespaces.
 */
@Tag("hostile")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileFleetIT {

    private static final String NODE = "hostile-node";
    private static final int LEGITIMATE_HOSTS = 3;
    private static final String BACKDOOR_NS = "pwh-backdoor";
    private static final String REUSEPORT_NS = "pwh-reuseport";
    private static final String EMPTY_NS = "pwh-empty";
    /** The scanned hostile services, one per loopback address, all on 311 (the admin port probes try HTTP and TLS on). */
    private static final String HOSTILE_HTTP = "127.77.0.1";
    private static final String TARPIT = "127.77.0.2";
    private static final String HTTPS_ADMIN = "127.77.0.3";
    private static final String SCAN_PORT = "311";
    private static final String SCAN_ZONE = "hostile-zone";
    private static final Duration SCAN_EVERY = Duration.ofSeconds(10);
    private static final Duration EVIDENCE_DEADLINE = Duration.ofSeconds(3);
    private static final int SCHEDULED_SCANS = 5;
    private static final Path RAPPORTD = Path.of("/usr/libexec/rapportd");
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final String UNEXPECTED = "unexpected-process";
    private static final String PLAINTEXT = "plaintext-admin";
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration HEALTH_EVERY = Duration.ofMillis(500);
    /** The health poller's bound: 10 minutes of samples, far beyond the test's run. */
    private static final int MOST_HEALTH_SAMPLES = 1_200;
    private static final Path SCRIPTS = Path.of("src/test/resources/hostile");
    private static final Path PROBE_SCRIPTS = LocalScripts.root().resolve("probe-service/src/test/resources/namespaces");

    private final ReportRows report = new ReportRows(Path.of("target", "hostile-inputs.tsv"), "bench/hostile-report.sh");
    private final HostileHosts hostile = new HostileHosts();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<String> healthFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong healthSamples = new AtomicLong();
    private final ScheduledExecutorService healthPoller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-poller");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaBroker broker;
    private JwtKeys keys;
    private ServiceProcess alert;
    private ServiceProcess networkProbe;
    private Fleet fleet;
    private Churn churn;
    private HostileHosts.Held backdoor;

    @BeforeAll
    void startTheStackAndTheFleets() {
        report.reset();
        broker = KafkaBroker.start(Path.of("target"));
        keys = JwtKeys.generate(Path.of("target", "jwt-hostile"));
        String kafka = broker.bootstrapServers();
        String publicKey = keys.publicKey().toString();
        start("registry-service", Map.of("kafka.bootstrap.servers", kafka,
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("registry_hostile_it", "registry").jdbcUrl(),
                "mp.jwt.verify.publickey.location", publicKey));
        alert = start("alert-service", Map.of("kafka.bootstrap.servers", kafka,
                "portwatch.alert.max-page-size", Integer.toString(AlertApi.PAGE_SIZE),
                "quarkus.datasource.jdbc.url", PostgresDatabase.fresh("alert_hostile_it", "alert").jdbcUrl(),
                "mp.jwt.verify.publickey.location", publicKey));
        pollLivenessThroughout();
        start("probe-service", Map.of("kafka.bootstrap.servers", kafka,
                "mp.jwt.verify.publickey.location", publicKey,
                "portwatch.probe.id", "hostile-host-probe",
                "portwatch.probe.host.id", NODE,
                "portwatch.probe.host-mode.interval", "1s",
                "portwatch.probe.host-mode.snapshot-every", "10"));

        for (String address : List.of(HOSTILE_HTTP, TARPIT, HTTPS_ADMIN)) {
            String service = address.equals(HOSTILE_HTTP) ? "hostile-http" : address.equals(TARPIT) ? "tarpit" : "https-admin";
            services.add(ServiceProcess.startJar("simulators-" + service, simulatorsJar(), List.of("--bind", address,
                    "--services", service, "--" + service + "-port", SCAN_PORT)).awaitOutput("simulators: ready"));
        }
        networkProbe = start("probe-service", Map.ofEntries(Map.entry("kafka.bootstrap.servers", kafka),
                Map.entry("mp.jwt.verify.publickey.location", publicKey),
                Map.entry("portwatch.probe.id", "hostile-network-probe"),
                Map.entry("portwatch.probe.zone", SCAN_ZONE),
                Map.entry("portwatch.probe.host-mode.enabled", "false"),
                Map.entry("portwatch.probe.network-mode.allowed-scopes", "127.77.0.0/29"),
                Map.entry("portwatch.probe.network-mode.evidence-deadline", EVIDENCE_DEADLINE.toSeconds() + "s"),
                Map.entry("portwatch.probe.network-mode.http-ports", SCAN_PORT),
                Map.entry("portwatch.probe.network-mode.tls-ports", SCAN_PORT),
                Map.entry("portwatch.probe.network-mode.schedule.targets", String.join(",", HOSTILE_HTTP, TARPIT, HTTPS_ADMIN)),
                Map.entry("portwatch.probe.network-mode.schedule.ports", SCAN_PORT),
                Map.entry("portwatch.probe.network-mode.schedule.transports", "tcp"),
                Map.entry("portwatch.probe.network-mode.schedule.every", SCAN_EVERY.toSeconds() + "s")));

        fleet = Fleet.start(NODE, "pwhl", LEGITIMATE_HOSTS, 20261130);
        churn = new Churn(fleet);
        churn.start();

        hostile.namespace(BACKDOOR_NS);
        backdoor = hostile.startIn(BACKDOOR_NS, Path.of("/usr/bin/python3"), SCRIPTS.resolve("backdoor.py"), "rapportd", "0.0.0.0",
                "3031");
        hostile.namespace(REUSEPORT_NS);
        hostile.namespace(EMPTY_NS);
    }

    @AfterAll
    void stopEverything() {
        healthPoller.shutdownNow();
        try {
            if (churn != null) {
                churn.stop();
            }
        } finally {
            try {
                if (fleet != null) {
                    fleet.close();
                }
                hostile.close();
            } finally {
                Collections.reverse(services);
                services.forEach(ServiceProcess::close);
                if (broker != null) {
                    broker.stop();
                }
                report.publish();
            }
        }
    }

    @Test
    @Order(1)
    void everyPoisonRecordIsDeadLetteredAsReceived() {
        Map<String, byte[]> listenerPoison = listenerPoison();
        Map<String, byte[]> knowledgePoison = knowledgePoison();
        Map<String, String> kinds = poisonKinds();
        try (TopicReader listenersDlq = new TopicReader(broker.bootstrapServers(), Topics.LISTENERS_DLQ);
                TopicReader knowledgeDlq = new TopicReader(broker.bootstrapServers(), Topics.PORT_KNOWLEDGE_DLQ);
                TopicWriter writer = new TopicWriter(broker.bootstrapServers())) {
            listenerPoison.forEach((key, value) -> writer.send(Topics.LISTENERS, key, value, List.of()));
            knowledgePoison.forEach((key, value) -> writer.send(Topics.PORT_KNOWLEDGE, key, value, List.of()));

            Map<String, ConsumerRecord<String, byte[]>> deadListeners = awaitDeadLetters(listenersDlq, listenerPoison);
            Map<String, ConsumerRecord<String, byte[]>> deadKnowledge = awaitDeadLetters(knowledgeDlq, knowledgePoison);
            List<String> wrong = new ArrayList<>();
            compare(Topics.LISTENERS, listenerPoison, deadListeners, kinds, wrong);
            compare(Topics.PORT_KNOWLEDGE, knowledgePoison, deadKnowledge, kinds, wrong);
            List<String> legitimate = listenersDlq.poll().stream().map(ConsumerRecord::key)
                    .filter(key -> key != null && (key.startsWith(NODE) || key.startsWith("127.77."))).distinct().toList();
            report.add("listener records of the legitimate and hostile hosts", "never dead-lettered",
                    legitimate.isEmpty() ? "none in " + Topics.LISTENERS_DLQ : "dead-lettered: " + legitimate, stalls());

            assertThat(wrong).as("poison records missing from their DLQ or changed there").isEmpty();
            assertThat(legitimate).as("legitimate listener records dead-lettered").isEmpty();
        }
    }

    @Test
    @Order(2)
    void aBackdoorCallingItselfRapportdIsAnUnexpectedProcess() {
        String host = fleet.hostId(BACKDOOR_NS);
        Map<String, Object> finding = awaitFinding(host, EPPC, UNEXPECTED, f -> "OPEN".equals(f.get("state")));
        report.add("backdoor on 0.0.0.0:3031 named rapportd (comm), running " + python3(), "unexpected-process \"Process posing as rapportd\": HIGH from the network, one level lower (MEDIUM) in a namespace's own network",
                describe(finding), stalls());

        // HIGH when the network reaches it; a socket of a namespace's own network is one level lower (ContainerNetworks).
        assertThat(finding.get("severity")).isEqualTo("MEDIUM");
        assertThat((String) finding.get("title")).startsWith("Process posing as rapportd");
        assertThat(owner(finding).get("pid")).isEqualTo((int) backdoor.pid());
    }

    @Test
    @Order(3)
    void anSoReuseportHijackerNextToRapportdIsAnUnexpectedProcess() {
        assumeFalse(Files.exists(RAPPORTD), RAPPORTD + " exists on this machine, and this test never overwrites it");
        String host = fleet.hostId(REUSEPORT_NS);
        HostileHosts.Held rapportd = hostile.startIn(REUSEPORT_NS, hostile.executableAt(RAPPORTD), PROBE_SCRIPTS.resolve("reuseport.py"),
                "127.0.0.1", "3031");
        Map<String, Object> alone = awaitFinding(host, EPPC, UNEXPECTED, f -> "OPEN".equals(f.get("state")));
        report.add("a process running " + RAPPORTD + " on 127.0.0.1:3031 (SO_REUSEPORT), alone", "unexpected-process INFO",
                describe(alone), stalls());
        assertThat(alone.get("severity")).isEqualTo("INFO");
        assertThat(owner(alone).get("pid")).isEqualTo((int) rapportd.pid());

        HostileHosts.Held hijacker = hostile.startIn(REUSEPORT_NS, Path.of("/usr/bin/python3"), PROBE_SCRIPTS.resolve("reuseport.py"),
                "127.0.0.1", "3031");
        Map<String, Object> hijacked = awaitFinding(host, EPPC, UNEXPECTED, f -> !"INFO".equals(f.get("severity")));
        report.add("then python3 binds 127.0.0.1:3031 too (SO_REUSEPORT)", "unexpected-process MEDIUM (loopback), the hijacker named",
                describe(hijacked), stalls());
        assertThat(hijacked.get("severity")).isEqualTo("MEDIUM");
        assertThat(hijacked.get("state")).isEqualTo("OPEN");
        assertThat(owner(hijacked).get("pid")).isEqualTo((int) hijacker.pid());
    }

    @Test
    @Order(4)
    void aNamespaceNoProcessIsInIsWatched() {
        Path unixSocket = hostile.removedOnClose(Path.of("target", "pwh-pass-" + UUID.randomUUID() + ".sock").toAbsolutePath());
        HostileHosts.Held holder = hostile.startHere(PROBE_SCRIPTS.resolve("pass_listener.py"), "receive", unixSocket.toString());
        hostile.startIn(EMPTY_NS, Path.of("/usr/bin/python3"), PROBE_SCRIPTS.resolve("pass_listener.py"), "send", unixSocket.toString(),
                "3031");
        assertThat(holder.nextLine()).isEqualTo("received");

        Map<String, Object> finding = awaitFinding(fleet.hostId(EMPTY_NS), EPPC, "legacy-service-exposed",
                f -> "OPEN".equals(f.get("state")));
        report.add("namespace with no process, holding 0.0.0.0:3031 (fd passed to a process outside and the creator gone)",
                "its host reported, the socket attributed to the holder", describe(finding), stalls());
        assertThat(owner(finding).get("pid")).isEqualTo((int) holder.pid());
    }

    @Test
    @Order(5)
    void controlCharactersOfAScannedServiceAreEscaped() {
        Map<String, Object> evidence = awaitEvidence(HOSTILE_HTTP);
        Map<String, Object> finding = awaitFinding(scanned(HOSTILE_HTTP), new PortKey(Transport.TCP, 311), PLAINTEXT,
                f -> "OPEN".equals(f.get("state")));
        String server = String.valueOf(evidence.get("httpServer"));
        report.add("311 answering HTTP/1.0 401 with NUL, ESC and BEL in its Server header and WWW-Authenticate: Basic (hostile-http)",
                "evidence escaped as \\xNN, plaintext-admin raised, nothing stops",
                "httpServer " + server + "; " + describe(finding), stalls());
        assertThat(server).contains("\\x00").containsIgnoringCase("\\x1b").doesNotContain("\u0000", "\u001b", "\u0007");
        assertThat((String) finding.get("description")).contains("A probe saw it ask for credentials");
    }

    @Test
    @Order(6)
    void aTarpitIsCutAtTheEvidenceDeadlineAndItsEvidenceIsNeutral() {
        Map<String, Object> evidence = awaitEvidence(TARPIT);
        // Evidence cut short neither confirms nor clears: 311's knowledge (credentials in clear) stands, as with no evidence.
        Map<String, Object> finding = awaitFinding(scanned(TARPIT), new PortKey(Transport.TCP, 311), PLAINTEXT, f -> "OPEN".equals(f.get("state")));
        report.add("311 tarpit sending one byte per second", "evidence timedOut at the " + EVIDENCE_DEADLINE.toSeconds()
                + " s deadline, finding-neutral (311's knowledge stands)", "evidence timedOut=" + evidence.get("timedOut") + " responseBytes="
                + evidence.get("responseBytes") + "; " + describe(finding) + " on the knowledge: "
                + ((String) finding.get("description")).contains("The knowledge of"), stalls());
        assertThat(evidence.get("timedOut")).isEqualTo(true);
        assertThat((String) finding.get("description")).contains("The knowledge of").doesNotContain("A probe saw");
    }

    @Test
    @Order(7)
    void anHttpsOnlyAdminIsNotPlaintext() {
        Map<String, Object> evidence = awaitEvidence(HTTPS_ADMIN);
        assertThat(evidence.get("tls")).as("TLS evidence " + evidence).isEqualTo(true);
        // Its legacy-service-exposed finding carrying the TLS evidence shows alert-service judged the listener as scanned.
        awaitFinding(scanned(HTTPS_ADMIN), new PortKey(Transport.TCP, 311), "legacy-service-exposed",
                f -> listener(f).get("evidence") instanceof Map<?, ?> seen && Boolean.TRUE.equals(seen.get("tls")));
        List<Map<String, Object>> findings = findingsOf(scanned(HTTPS_ADMIN), PLAINTEXT);
        report.add("HTTPS-only admin on 311 answering plain HTTP with nginx's 400 (https-admin)", "tls, plainHttpRefused, no plaintext-admin",
                "evidence tls=" + evidence.get("tls") + " plainHttpRefused=" + evidence.get("plainHttpRefused") + " tlsSubject="
                        + evidence.get("tlsSubject") + "; plaintext-admin findings: " + findings.size(), stalls());
        assertThat(evidence.get("tls")).isEqualTo(true);
        assertThat(findings).isEmpty();
    }

    @Test
    @Order(8)
    void scheduledScansKeepTheirIntervalWhileTheTarpitIsScanned() {
        List<Map<String, Object>> scans = await().atMost(SCAN_EVERY.multipliedBy(SCHEDULED_SCANS + 3))
                .pollInterval(Duration.ofSeconds(1)).until(this::scheduledScans, done -> done.stream()
                        .filter(scan -> "DONE".equals(scan.get("state"))).count() >= SCHEDULED_SCANS);
        List<Instant> starts = scans.stream().map(scan -> Instant.parse((String) scan.get("startedAt"))).sorted().toList();
        List<Long> gaps = IntStream.range(1, starts.size()).mapToObj(i -> Duration.between(starts.get(i - 1), starts.get(i)).toMillis())
                .toList();
        List<Long> durations = scans.stream().filter(scan -> scan.get("finishedAt") != null)
                .map(scan -> Duration.between(Instant.parse((String) scan.get("startedAt")), Instant.parse((String) scan.get("finishedAt")))
                        .toMillis()).toList();
        long skipped = probeMetric("portwatch_probe_scans_total", "outcome=\"skipped\"");
        long failed = scans.stream().filter(scan -> !"DONE".equals(scan.get("state")) && !"RUNNING".equals(scan.get("state"))).count();
        report.add("scheduled scans every " + SCAN_EVERY.toSeconds() + " s of 3 addresses, the tarpit among them",
                "every run done, none skipped", scans.size() + " runs, gaps between starts " + gaps + " ms, each took " + durations
                        + " ms, skipped " + skipped + ", not done " + failed, stalls());
        assertThat(skipped).as("scheduled runs skipped").isZero();
        // A run still going when the next is due is skipped (and counted): none skipped is the interval kept. The gaps
        // are reported, not asserted: how late a loaded machine's scheduler fires is not the probe's doing.
        assertThat(failed).as("scheduled runs stopped or failed").isZero();
    }

    @Test
    @Order(9)
    void everyLegitimateFindingIsRight() {
        churn.stop();
        long changes = fleet.changes();
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
                .until(() -> AlertsTopic.listenerLag(broker.bootstrapServers()) == 0
                        && fleet.judge(AlertApi.findings(alert.httpPort())).wrong() == 0);
        Fleet.Judgement judgement = fleet.judge(AlertApi.findings(alert.httpPort()));
        report.add(LEGITIMATE_HOSTS + " legitimate hosts opening and closing 311/3031/3283 and other legacy listeners every 20 ms ("
                + changes + " changes) all along", "every legacy-service-exposed finding OPEN while open, RESOLVED once closed",
                judgement.right() + " of " + judgement.expected() + " right, " + judgement.wrong() + " wrong", stalls());
        assertThat(judgement.wrong()).isZero();
    }

    @Test
    @Order(10)
    void alertServiceNeverWentDown() {
        report.add("all of the above at once", "alert-service /q/health/live 200 throughout",
                healthSamples.get() + " samples, " + healthFailures.size() + " not 200" + (healthFailures.isEmpty() ? "" : ": " + healthFailures),
                stalls());
        assertThat(healthSamples.get()).isPositive();
        assertThat(healthFailures).isEmpty();
    }

    // --- the poison ---

    private static Map<String, byte[]> listenerPoison() {
        Listener exposed = new Listener(Transport.TCP, "0.0.0.0", 548, 4, Exposure.ALL_INTERFACES, null, null);
        ProbeInfo probe = new ProbeInfo("hostile-writer", "hostile-zone", ProbeMode.HOST);
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("poison-nul", json(event("poison-nul", Instant.now(), probe, new Listener(Transport.TCP, "0.0.0.0", 311, 4,
                Exposure.ALL_INTERFACES, null, new Evidence("http", 18, 60, null, false, 401, "pw\u0000x", "Basic")))));
        poison.put("poison-esc", json(event("poison-esc", Instant.now(), probe, new Listener(Transport.TCP, "0.0.0.0", 548, 4,
                Exposure.ALL_INTERFACES, new ProcessInfo(4242, "a\u001b[2K\u001b[8m", "/usr/bin/a", "root"), null))));
        String longId = "poison-" + "h".repeat(249);
        poison.put(longId, json(event(longId, Instant.now(), probe, exposed)));
        poison.put("poison-zone", json(event("poison-zone", Instant.now(), new ProbeInfo("hostile-writer", "z".repeat(300), ProbeMode.HOST),
                exposed)));
        poison.put("poison-year-300000", json(event("poison-year-300000", Instant.parse("+300000-01-01T00:00:00Z"), probe, exposed)));
        poison.put("poison-year-2100", json(event("poison-year-2100", Instant.parse("2100-01-01T00:00:00Z"), probe, exposed)));
        poison.put("poison-json-null", "null".getBytes(StandardCharsets.UTF_8));
        poison.put("poison-tombstone", null);
        byte[] random = new byte[4_096];
        new Random(20_261_130L).nextBytes(random);
        poison.put("poison-random", random);
        poison.put("poison-not-its-key", json(event("someone-else", Instant.now(), probe, exposed)));
        List<Listener> all = IntStream.range(0, 65_536)
                .mapToObj(port -> new Listener(Transport.TCP, "0.0.0.0", port, 4, Exposure.ALL_INTERFACES, null, null)).toList();
        poison.put("poison-65536", json(new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.SNAPSHOT, Instant.now(), probe,
                new HostInfo("poison-65536", "poison-65536", List.of()), all)));
        return poison;
    }

    private static Map<String, byte[]> knowledgePoison() {
        Map<String, byte[]> poison = new LinkedHashMap<>();
        poison.put("tcp/40001", "null".getBytes(StandardCharsets.UTF_8));
        poison.put("tcp/40002", json(knowledge(new PortKey(Transport.TCP, 40_003), "svc-40003")));
        poison.put("tcp/40004", json(knowledge(new PortKey(Transport.TCP, 40_004), "svc\u001b]0;pwned\u0007")));
        return poison;
    }

    private static Map<String, String> poisonKinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("poison-nul", "OPENED whose evidence's Server header holds NUL");
        kinds.put("poison-esc", "OPENED whose process name holds ESC[2K ESC[8m");
        kinds.put("poison-" + "h".repeat(249), "host id of 256 characters");
        kinds.put("poison-zone", "probe zone of 300 characters");
        kinds.put("poison-year-300000", "observedAt +300000-01-01");
        kinds.put("poison-year-2100", "observedAt 2100-01-01");
        kinds.put("poison-json-null", "the 4 bytes null");
        kinds.put("poison-tombstone", "a tombstone (null value)");
        kinds.put("poison-random", "4,096 random bytes");
        kinds.put("poison-not-its-key", "key not the host id");
        kinds.put("poison-65536", "SNAPSHOT of 65,536 listeners");
        kinds.put("tcp/40001", "the 4 bytes null");
        kinds.put("tcp/40002", "knowledge of tcp/40003 under the key tcp/40002");
        kinds.put("tcp/40004", "service name holding ESC and BEL");
        return kinds;
    }

    private static ListenerEvent event(String hostId, Instant at, ProbeInfo probe, Listener listener) {
        return new ListenerEvent(UUID.randomUUID().toString(), ListenerEventType.OPENED, at, probe, new HostInfo(hostId, hostId, List.of()),
                List.of(listener));
    }

    private static PortKnowledge knowledge(PortKey key, String serviceName) {
        PortKnowledge base = PortKnowledge.unassigned(key);
        return new PortKnowledge(base.port(), base.transport(), serviceName, base.aliases(), base.description(), base.range(),
                base.status(), base.risk(), base.threats(), base.expectedProcesses(), base.expectedExecutables(), base.relatedPorts(),
                base.amplificationFactor(), base.plaintextCredentials(), base.remediation(), base.references(), 1, Instant.now());
    }

    private static byte[] json(Object value) {
        return EventJson.toBytes(value);
    }

    private static Map<String, ConsumerRecord<String, byte[]>> awaitDeadLetters(TopicReader dlq, Map<String, byte[]> poison) {
        Map<String, ConsumerRecord<String, byte[]>> dead = new LinkedHashMap<>();
        try {
            await().atMost(DEADLINE).until(() -> {
                dlq.poll().stream().filter(record -> poison.containsKey(record.key())).forEach(record -> dead.putIfAbsent(record.key(), record));
                return dead.size() == poison.size();
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Reported below, record by record.
        }
        return dead;
    }

    private void compare(String topic, Map<String, byte[]> sent, Map<String, ConsumerRecord<String, byte[]>> dead, Map<String, String> kinds,
            List<String> wrong) {
        sent.forEach((key, value) -> {
            ConsumerRecord<String, byte[]> record = dead.get(key);
            String seen;
            if (record == null) {
                seen = "not dead-lettered";
                wrong.add(key + ": " + seen);
            } else {
                boolean same = value == null ? record.value() == null : java.util.Arrays.equals(value, record.value());
                var reason = record.headers().lastHeader(DeadLetterHeaders.REASON);
                seen = (same ? (value == null ? "null value kept" : value.length + " bytes equal") : "CHANGED") + "; dlq-reason: "
                        + (reason == null ? "none" : new String(reason.value(), StandardCharsets.UTF_8));
                if (!same || reason == null) {
                    wrong.add(key + ": " + seen);
                }
            }
            report.add(topic + ": " + kinds.get(key), "in " + topic + ".dlq exactly as received", seen, stalls());
        });
    }

    // --- what the services say ---

    private ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess service = ServiceProcess.start(module, config);
        services.add(service);
        return service.awaitReady();
    }

    private static Path simulatorsJar() {
        Path jar = LocalScripts.root().resolve("simulators/target/portwatch-simulators-0.1.0-SNAPSHOT.jar");
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException(jar + " is missing: build the simulators first");
        }
        return jar;
    }

    private void pollLivenessThroughout() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alert.httpPort() + "/q/health/live"))
                .timeout(Duration.ofSeconds(5)).build();
        healthPoller.scheduleWithFixedDelay(() -> {
            if (healthSamples.incrementAndGet() > MOST_HEALTH_SAMPLES) {
                throw new IllegalStateException("health poll bound reached"); // ends the schedule
            }
            try {
                int status = client.send(live, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 200) {
                    healthFailures.add(Instant.now() + " " + status);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                healthFailures.add(Instant.now() + " " + e.getClass().getSimpleName());
            }
        }, 0, HEALTH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Liveness failures so far plus scheduled scans skipped so far. */
    private String stalls() {
        long skipped = networkProbe == null ? 0 : probeMetric("portwatch_probe_scans_total", "outcome=\"skipped\"");
        return Long.toString(healthFailures.size() + skipped);
    }

    private long probeMetric(String name, String label) {
        String text = given().port(networkProbe.healthPort()).get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The host id the network probe gives an address it scanned: qualified by its zone. */
    private static String scanned(String address) {
        return HostIds.network(SCAN_ZONE, address);
    }

    private List<Map<String, Object>> findingsOf(String host, String rule) {
        List<Map<String, Object>> items = given().port(alert.httpPort()).queryParam("host", host).queryParam("size", 100)
                .get("/api/v1/findings").then().statusCode(200).extract().path("items");
        return items.stream().filter(item -> rule.equals(item.get("rule"))).toList();
    }

    private Map<String, Object> awaitFinding(String host, PortKey port, String rule, java.util.function.Predicate<Map<String, Object>> wanted) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> findingsOf(host, rule).stream()
                .filter(finding -> listener(finding).get("port").equals(port.port())
                        && port.transport().wireName().equals(listener(finding).get("transport")))
                .filter(wanted).findFirst(), Optional::isPresent).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> listener(Map<String, Object> finding) {
        return (Map<String, Object>) finding.get("listener");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> owner(Map<String, Object> finding) {
        Object process = listener(finding).get("process");
        return process == null ? Map.of() : (Map<String, Object>) process;
    }

    private static String describe(Map<String, Object> finding) {
        Map<String, Object> owner = owner(finding);
        return finding.get("rule") + " " + finding.get("severity") + " " + finding.get("state") + " \"" + finding.get("title") + "\" (owner "
                + owner.get("name") + " " + owner.get("exe") + " pid " + owner.get("pid") + ")";
    }

    private List<Map<String, Object>> scheduledScans() {
        List<Map<String, Object>> scans = given().port(networkProbe.httpPort()).auth().oauth2(keys.token("hostile-it", "operator"))
                .get("/api/v1/scans").then().statusCode(200).extract().jsonPath().getList("$");
        return scans.stream().filter(scan -> "schedule".equals(scan.get("requestedBy"))).toList();
    }

    /** The evidence of {@code address}:311 in the newest scheduled scan that is done. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitEvidence(String address) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Optional<Map<String, Object>> done = scheduledScans().stream().filter(scan -> "DONE".equals(scan.get("state"))).findFirst();
            if (done.isEmpty()) {
                return Optional.<Map<String, Object>>empty();
            }
            List<Map<String, Object>> results = given().port(networkProbe.httpPort()).auth().oauth2(keys.token("hostile-it", "operator"))
                    .get("/api/v1/scans/{id}", done.get().get("id")).then().statusCode(200).extract().path("results");
            return results.stream().filter(result -> address.equals(result.get("address")))
                    .flatMap(result -> ((List<Map<String, Object>>) result.get("listeners")).stream())
                    .map(listener -> (Map<String, Object>) listener.get("evidence")).filter(java.util.Objects::nonNull).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    private static String python3() {
        try {
            return Path.of("/usr/bin/python3").toRealPath().toString();
        } catch (java.io.IOException e) {
            return "/usr/bin/python3";
        }
    }
}
