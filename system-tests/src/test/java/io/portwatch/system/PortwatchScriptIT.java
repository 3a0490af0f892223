package io.portwatch.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.json.EventJson;
import io.portwatch.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The {@code ./portwatch} script as a newcomer runs it, with a stack of its own (state directory,
 * ports, databases and simulator address), so it never touches a developer's running Portwatch.
 */
class PortwatchScriptIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final Map<String, String> environment = stackOfItsOwn();

    /** The ports the demo's services listen on (both probe-services: the host probe and the scanner; the notifier's receiver). */
    private static final List<String> SERVICE_PORTS = List.of("PORTWATCH_REGISTRY_PORT", "PORTWATCH_ALERT_PORT", "PORTWATCH_PROBE_PORT",
            "PORTWATCH_PROBE_MANAGEMENT_PORT", "PORTWATCH_SCANNER_PORT", "PORTWATCH_SCANNER_MANAGEMENT_PORT", "PORTWATCH_NOTIFIER_PORT",
            "PORTWATCH_RECEIVER_PORT");
    private static final List<String> SERVICE_PORTS_AND_KAFKA = java.util.stream.Stream.concat(SERVICE_PORTS.stream(),
            java.util.stream.Stream.of("PORTWATCH_KAFKA_PORT")).toList();

    private record Run(int exitCode, String output) {
    }

    @AfterEach
    void nothingIsLeftRunning() {
        run("down", "--purge");
        for (String port : SERVICE_PORTS_AND_KAFKA) {
            assertThat(listening(Integer.parseInt(environment.get(port)))).as(port + " after down").isFalse();
        }
        assertThat(Path.of(environment.get("PORTWATCH_STATE"), "run", "probe.pid")).doesNotExist();
    }

    /**
     * One stack for the whole script, as a newcomer meets it (its start is the longest of the suite): the demo starts
     * it and shows the seed findings the notifier delivers; {@code up} on that running stack starts nothing twice;
     * status, lookup, findings, scan, login, backup and restore run against it; a supervisor's TERM to the demo stops
     * everything it started (the services the restore started again included); {@code status} then says so.
     */
    @Test
    void demoThenTheCommandsOnItsStackAndATermStopsEverythingItStarted() throws Exception {
        Path output = Files.createTempFile("portwatch-demo", ".out");
        Process demo = builder("demo").redirectOutput(output.toFile()).start();
        try {
            demoShowsTheThreeSeedFindingsAndDeliversThem(demo, output);

            theCommandsOnTheRunningStack();

            demo.destroy(); // SIGTERM, as a supervisor sends; Ctrl-C's SIGINT takes the same path

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo ends within 60 s").isTrue();
            assertThat(demo.exitValue()).isEqualTo(130);
            assertThat(Files.readString(output)).contains("stopping what the demo started")
                    .contains("stopped: receiver notifier registry alert simulators probe scanner, kafka");
            for (String port : SERVICE_PORTS_AND_KAFKA) {
                assertThat(listening(Integer.parseInt(environment.get(port)))).as(port + " after the demo was stopped").isFalse();
            }
            assertThat(run("down").exitCode()).isZero();
            Run stopped = run("status");
            assertThat(stopped.exitCode()).isEqualTo(3);
            assertThat(stopped.output()).containsPattern("registry +127\\.0\\.0\\.1:\\d+ +DOWN");
        } finally {
            demo.destroyForcibly();
            Files.delete(output);
        }
    }

    @Test
    void aDemoDurationIsANumberOfSeconds() {
        Run bad = run("demo", "--duration", "soon");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("--duration needs a number of seconds");
    }

    /** What the demo shows once the seed findings are open, and what its webhook receiver got from the notifier. */
    private void demoShowsTheThreeSeedFindingsAndDeliversThem(Process demo, Path output) throws IOException {
        await().atMost(DEADLINE).until(() -> !demo.isAlive() || Files.readString(output).contains("following new alerts"));
        assertThat(Files.readString(output)).as("the demo is still running").contains("The three seed findings are open")
                .containsPattern("CRITICAL .*udp/3283 .*amplification-reflector")
                .containsPattern("HIGH .*tcp/311 .*plaintext-admin")
                .containsPattern("tcp/3031 .*unexpected-process");
        Path received = Path.of(environment.get("PORTWATCH_STATE"), "logs", "webhook-received.jsonl");
        assertThat(Files.readString(output)).contains("Delivered by the notifier:").contains(received.toString());
        // The seed reflector, as a structured CloudEvent.
        List<JsonNode> events = Files.readAllLines(received).stream().map(PortwatchScriptIT::json).toList();
        assertThat(events).anySatisfy(event -> {
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("source").asText()).isEqualTo("/portwatch/alert-service");
            assertThat(event.at("/data/rule").asText()).isEqualTo("amplification-reflector");
            assertThat(event.at("/data/listener/port").asInt()).isEqualTo(3283);
        });
    }

    /**
     * {@code up}, {@code status}, {@code lookup}, {@code findings}, {@code scan}, {@code login}, {@code backup} and
     * {@code restore} on the running stack; {@code up} there finds every component running and leaves it be.
     */
    private void theCommandsOnTheRunningStack() {
        Run up = run("up");
        assertThat(up.exitCode()).as(up.output()).isZero();
        assertThat(up.output()).contains("registry already running", "alert already running", "probe already running",
                "scanner already running", "notifier already running", "simulators already running", "webhook receiver already running", "Portwatch is up");

        Run status = run("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).containsPattern("registry +127\\.0\\.0\\.1:\\d+ +UP +\\d+")
                .containsPattern("alert +127\\.0\\.0\\.1:\\d+ +UP").containsPattern("probe +127\\.0\\.0\\.1:\\d+ +UP");

        Run lookup = run("lookup", "3031", "--json");
        assertThat(lookup.exitCode()).as(lookup.output()).isZero();
        JsonNode entries = json(lookup.output());
        assertThat(entries.findValuesAsText("serviceName")).contains("eppc");
        assertThat(run("lookup", "no-such-service").exitCode()).isEqualTo(1);

        await().atMost(DEADLINE).until(() -> {
            Run findings = run("findings", "--json");
            return findings.exitCode() == 0 && json(findings.output()).path("totalItems").asInt() > 0;
        });
        Run table = run("findings");
        assertThat(table.exitCode()).isZero();
        assertThat(table.output()).contains("SEVERITY", "RULE");
        assertThat(run("findings", "--severity", "bogus").exitCode()).isEqualTo(2);

        Run scan = run("scan", "127.0.0.3", "--ports", "3031,3283");
        assertThat(scan.exitCode()).as(scan.output()).isZero();
        assertThat(scan.output()).containsPattern("udp/3283 +arms-status 32 bytes in, 1034 out \\(32\\.3x\\)");
        Run refused = run("scan", "192.0.2.1", "--ports", "22");
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.output()).contains("outside the allowed scopes");

        Run login = run("login", "viewer", "vera");
        assertThat(login.exitCode()).as(login.output()).isZero();
        String alert = "http://127.0.0.1:" + environment.get("PORTWATCH_ALERT_PORT");
        String link = login.output().strip().lines().reduce((first, last) -> last).orElse("");
        assertThat(link).startsWith(alert + "/console/#/login?token=");
        String token = link.substring(link.indexOf("token=") + "token=".length());
        given().auth().oauth2(token).get(alert + "/api/v1/probes").then().statusCode(200);
        Run badRole = run("login", "root");
        assertThat(badRole.exitCode()).isNotZero();
        assertThat(badRole.output()).contains("ROLE is analyst, viewer, registry-admin or operator");

        backUpLoseTheAlertDatabaseAndRestore(alert, token);
    }

    /**
     * A backup of the running stack, the alert database lost (dropped and created empty), a restore: the findings
     * of the seed ports come back as they were, the acknowledgement only the database knew included.
     */
    private void backUpLoseTheAlertDatabaseAndRestore(String alert, String token) {
        String reflector = await().atMost(DEADLINE).until(() -> findingStates(alert, token, "amplification-reflector").keySet(),
                ids -> !ids.isEmpty()).iterator().next();
        Run ack = run("findings", "ack", reflector, "--reason", "kept by the backup");
        assertThat(ack.exitCode()).as(ack.output()).isZero();
        Map<String, String> before = findingStates(alert, token, null);
        assertThat(before).containsEntry(reflector, "ACKNOWLEDGED");

        Path backup = Path.of(environment.get("PORTWATCH_STATE"), "backup");
        Run backedUp = run("backup", backup.toString());
        assertThat(backedUp.exitCode()).as(backedUp.output()).isZero();
        assertThat(json(readString(backup.resolve("manifest.json"))).path("format").asText()).isEqualTo("portwatch-backup/1");

        String database = "portwatch_alert" + environment.get("PORTWATCH_DATABASE_SUFFIX");
        Run lost = execute(List.of(ROOT.resolve("deploy/local/postgres.sh").toString(), "database", database, "alert", "--fresh"));
        assertThat(lost.output()).as("the purge").contains("created database " + database);

        Run restored = run("restore", backup.toString());
        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThat(restored.output()).contains("restored " + database);
        assertThat(findingStates(alert, token, null)).containsAllEntriesOf(before);
        given().auth().oauth2(token).get(alert + "/api/v1/findings/" + reflector).then().statusCode(200)
                .body("finding.state", equalTo("ACKNOWLEDGED"))
                .body("history.reason", hasItem(containsString("kept by the backup")));
    }

    /** Finding id to state of the findings on the simulators' ports (stable while they run), of one rule or all. */
    private static Map<String, String> findingStates(String alert, String token, String rule) {
        Map<String, String> states = new TreeMap<>();
        for (int port : List.of(311, 3031, 3283)) {
            JsonNode page = json(given().auth().oauth2(token).queryParam("port", port).queryParam("size", 100)
                    .get(alert + "/api/v1/findings").then().statusCode(200).extract().asString());
            for (JsonNode finding : page.path("items")) {
                if (rule == null || rule.equals(finding.path("rule").asText())) {
                    states.put(finding.path("findingId").asText(), finding.path("state").asText());
                }
            }
        }
        return states;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProcessBuilder builder(String... arguments) {
        return builder(command(arguments));
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    private Run run(String... arguments) {
        return execute(command(arguments));
    }

    private Run execute(List<String> command) {
        try {
            Path output = Files.createTempFile("portwatch-script", ".out");
            Process process = builder(command).redirectOutput(output.toFile()).start();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not end in " + DEADLINE + ":\n"
                        + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Run(process.exitValue(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static List<String> command(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("portwatch").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static JsonNode json(String output) {
        try {
            return EventJson.mapper().readTree(output.substring(Math.max(0, Math.min(indexOr(output, '['), indexOr(output, '{')))));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + output, e);
        }
    }

    private static int indexOr(String text, char c) {
        int index = text.indexOf(c);
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static Map<String, String> stackOfItsOwn() {
        Map<String, String> environment = new HashMap<>();
        environment.put("PORTWATCH_STATE", Path.of("target", "portwatch-script-" + ProcessHandle.current().pid()).toAbsolutePath().toString());
        environment.put("PORTWATCH_REGISTRY_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_ALERT_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_PROBE_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_PROBE_MANAGEMENT_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_SCANNER_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_SCANNER_MANAGEMENT_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_NOTIFIER_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_RECEIVER_PORT", Integer.toString(FreePorts.any()));
        environment.put("PORTWATCH_KAFKA_PORT", Integer.toString(FreePorts.pair()));
        environment.put("PORTWATCH_DATABASE_SUFFIX", "_script_it");
        environment.put("PORTWATCH_SIMULATORS_ADDRESS", "127.0.0.3");
        environment.put("NO_COLOR", "1");
        return environment;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
