package io.portwatch.probe.fleet;

import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.HostIds;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.config.ProbeIdentity;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gives the probe its fleet identity at start, in the background so that Quarkus starts at once: without
 * {@code portwatch.probe.enrolment.url} the probe runs unsigned (said once in the log); with it, credentials saved in
 * the state file for this node, mode and zone are reused, else the probe enrols with alert-service and saves the
 * answer. alert-service may not be up yet: attempts are retried, the wait doubling from {@code first-retry} up to
 * {@code max-retry}, for as long as it takes, and a refusal (wrong secret, node already enrolled) is retried every
 * {@code max-retry} so that an operator's fix takes effect without a restart. Until the probe has its identity it
 * scans nothing and writes nothing ({@link NotEnrolledYet}), and its readiness check is down ({@link EnrolmentHealth}).
 */
@ApplicationScoped
public class Enrolment {

    private static final Path DEFAULT_STATE_DIRECTORY = Path.of(".portwatch", "probe");

    private final FleetIdentity fleet;
    private final ProbeIdentity configured;
    private final ProbeConfig.EnrolmentConfig config;
    private final EnrolmentState state;
    private volatile String problem;
    private volatile Thread attempts;

    public Enrolment(FleetIdentity fleet, ProbeIdentity configured, ProbeConfig config) {
        this.fleet = fleet;
        this.configured = configured;
        this.config = config.enrolment();
        this.state = new EnrolmentState(this.config.stateFile()
                .orElseGet(() -> defaultStateFile(configured.node(), configured.mode(), configured.zone())));
    }

    /** {@code .portwatch/probe/enrolment-<node>-<mode>-<zone>.json}, each part in characters safe in a file name. */
    static Path defaultStateFile(String node, ProbeMode mode, String zone) {
        String name = Stream.of(node, mode.name().toLowerCase(Locale.ROOT), zone)
                .map(part -> part.replaceAll("[^A-Za-z0-9.-]", "_"))
                .collect(Collectors.joining("-", "enrolment-", ".json"));
        return DEFAULT_STATE_DIRECTORY.resolve(name);
    }

    /** Why the probe has no identity yet; empty once it has one. */
    Optional<String> problem() {
        return fleet.ready() ? Optional.empty() : Optional.ofNullable(problem);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.url().isEmpty()) {
            Log.infof("No enrolment URL (portwatch.probe.enrolment.url): probe %s writes unsigned records, which alert-service "
                    + "accepts only when it does not require signed events, and sends no heartbeats (alert-service takes signed "
                    + "ones only)", configured.configuredId());
            fleet.unsigned();
            return;
        }
        if (!HostIds.validNode(configured.node())) {
            problem = "the node name " + ControlCharacters.escape(configured.node()) + " holds / or @; set portwatch.probe.host.id";
            Log.errorf("Cannot enrol: %s", problem);
            return;
        }
        Optional<ProbeCredentials> saved = saved();
        if (saved.isPresent()) {
            fleet.enrolled(saved.get());
            Log.infof("Probe %s (node %s, %s, zone %s) signs its records with the identity saved in %s", saved.get().probeId(),
                    saved.get().node(), saved.get().mode(), saved.get().zone(), state.file());
            return;
        }
        EnrolmentClient client = new EnrolmentClient(config.url().get(), config.timeout());
        problem = "enrolling with " + client.endpoint();
        Thread thread = new Thread(() -> enrol(client), "probe-enrolment");
        thread.setDaemon(true);
        attempts = thread;
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        Thread running = attempts;
        if (running != null) {
            running.interrupt();
        }
    }

    /** The saved credentials, if they are this probe's; a state file for another node, mode or zone is replaced. */
    private Optional<ProbeCredentials> saved() {
        try {
            Optional<ProbeCredentials> saved = state.read();
            if (saved.isPresent() && !saved.get().isFor(configured.node(), configured.mode(), configured.zone())) {
                Log.warnf("%s holds the identity of node %s (%s, zone %s), not of this probe (node %s, %s, zone %s): enrolling anew",
                        state.file(), saved.get().node(), saved.get().mode(), saved.get().zone(), configured.node(), configured.mode(),
                        configured.zone());
                return Optional.empty();
            }
            if (saved.isPresent() && !saved.get().scopes().equals(configured.scopes())) {
                Log.warnf("Probe %s enrolled with the scopes %s and is configured with %s: alert-service holds it to the enrolled ones",
                        saved.get().probeId(), saved.get().scopes(), configured.scopes());
            }
            return saved;
        } catch (IllegalArgumentException unreadable) {
            Log.warnf("Enrolling anew: %s", unreadable.getMessage());
            return Optional.empty();
        }
    }

    private void enrol(EnrolmentClient client) {
        Duration wait = config.firstRetry();
        String lastLogged = null;
        while (!Thread.currentThread().isInterrupted()) {
            EnrolmentClient.Outcome outcome = attempt(client);
            if (outcome instanceof EnrolmentClient.Enrolled enrolled) {
                save(enrolled.credentials());
                fleet.enrolled(enrolled.credentials());
                Log.infof("Probe enrolled as %s (node %s, %s, zone %s, scopes %s) with %s", enrolled.credentials().probeId(),
                        enrolled.credentials().node(), enrolled.credentials().mode(), enrolled.credentials().zone(),
                        enrolled.credentials().scopes(), client.endpoint());
                return;
            }
            boolean refused = outcome instanceof EnrolmentClient.Refused;
            String reason = refused ? ((EnrolmentClient.Refused) outcome).reason() : ((EnrolmentClient.Failed) outcome).reason();
            Duration next = refused ? config.maxRetry() : wait;
            problem = "not enrolled: " + reason;
            if (!reason.equals(lastLogged)) {
                // One line per new reason, not per attempt: alert-service may be down for a while.
                if (refused) {
                    Log.errorf("Enrolment with %s refused: %s; trying again every %s", client.endpoint(), reason, next);
                } else {
                    Log.warnf("Enrolment with %s failed: %s; trying again, waiting up to %s between attempts", client.endpoint(), reason,
                            config.maxRetry());
                }
                lastLogged = reason;
            }
            if (!pause(next)) {
                return;
            }
            wait = refused ? wait : min(wait.multipliedBy(2), config.maxRetry());
        }
    }

    private EnrolmentClient.Outcome attempt(EnrolmentClient client) {
        String secret;
        try {
            secret = EnrolSecret.read(config.secretFile());
        } catch (IOException e) {
            return new EnrolmentClient.Failed("no enrol secret: " + e.getMessage());
        }
        return client.enrol(new EnrolmentRequest(secret, configured.node(), configured.mode(), configured.zone(), configured.scopes()));
    }

    /** Saves the credentials; a probe that cannot save them still signs with them, but must enrol again after a restart. */
    private void save(ProbeCredentials credentials) {
        try {
            state.write(credentials);
        } catch (IOException e) {
            Log.errorf("Cannot save the identity of probe %s to %s (%s): it signs with it now, but after a restart it cannot "
                    + "enrol again until a fleet-admin revokes it", credentials.probeId(), state.file(), e.getMessage());
        }
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
