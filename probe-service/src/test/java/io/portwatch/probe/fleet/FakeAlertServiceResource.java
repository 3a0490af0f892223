package io.portwatch.probe.fleet;

import io.portwatch.events.listener.ProbeMode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted alert-service for a signed probe's tests (docs/fleet.md), with an enrol secret file and a fresh state
 * directory. {@code host}: the state file holds another node's identity, which the probe must not take; alert-service
 * fails once, then enrols the probe as {@value #HOST_PROBE}. {@code network}: the
 * state file already holds this probe's identity ({@value #SAVED_PROBE}) and alert-service refuses every enrolment, so
 * the probe must sign with the saved one.
 */
public class FakeAlertServiceResource implements QuarkusTestResourceLifecycleManager {

    static final String HOST_PROBE = "p-host-1";
    static final String HOST_NODE = "node-signed";
    static final String SAVED_PROBE = "p-saved-1";
    static final String NETWORK_NODE = "scanner-1";
    static final String NETWORK_ZONE = "lab-zone";
    static final String NETWORK_SCOPE = "127.0.0.0/8";

    private String mode;
    private FakeAlertService alert;

    @Override
    public void init(Map<String, String> args) {
        mode = args.getOrDefault("mode", "host");
    }

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "fleet-");
            Path secret = Files.writeString(directory.resolve("enrol-secret"), "lab-secret\n");
            Path state = directory.resolve("state").resolve("enrolment.json");
            Map<String, String> config = new HashMap<>(Map.of(
                    "portwatch.probe.enrolment.secret-file", secret.toString(),
                    "portwatch.probe.enrolment.state-file", state.toString(),
                    "portwatch.probe.enrolment.timeout", "2s",
                    "portwatch.probe.enrolment.first-retry", "200ms",
                    "portwatch.probe.enrolment.max-retry", "1s"));
            if (mode.equals("network")) {
                new EnrolmentState(state).write(new ProbeCredentials(SAVED_PROBE, FakeAlertService.KEY, NETWORK_NODE, ProbeMode.NETWORK,
                        NETWORK_ZONE, List.of(NETWORK_SCOPE)));
                alert = FakeAlertService.start(FakeAlertService.status(401, "{}"));
                config.putAll(Map.of("portwatch.probe.host-mode.enabled", "false", "portwatch.probe.host.id", NETWORK_NODE,
                        "portwatch.probe.zone", NETWORK_ZONE, "portwatch.probe.network-mode.allowed-scopes", NETWORK_SCOPE));
            } else {
                new EnrolmentState(state).write(new ProbeCredentials("p-of-another-node", new byte[32], "node-other", ProbeMode.HOST,
                        "local", List.of()));
                alert = FakeAlertService.start(FakeAlertService.slow(FakeAlertService.status(503, "{}"), Duration.ofMillis(100)),
                        FakeAlertService.enrolled(HOST_PROBE));
                config.put("portwatch.probe.host.id", HOST_NODE);
            }
            config.put("portwatch.probe.enrolment.url", alert.url().toString());
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (alert != null) {
            alert.close();
        }
    }
}
