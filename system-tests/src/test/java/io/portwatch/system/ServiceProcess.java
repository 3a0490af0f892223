package io.portwatch.system;

import io.portwatch.testing.FreePorts;
import io.portwatch.testing.LocalScripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** One of Portwatch's services, run from its built runner jar as a separate process, as a user runs it. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(90);
    private static final long STOP_SECONDS = 20;
    private static final AtomicInteger STARTED = new AtomicInteger();

    /**
     * alert-service settings for tests that SIGKILL it: a killed consumer holds its partitions until its session times
     * out, 6 s here instead of Kafka's 45 s. Both consumers (listeners, heartbeats) are members of the group alert-service,
     * and a rebalance waits for every member that has not left: the killed instance's heartbeat consumer too, else 45 s per kill.
     */
    static final Map<String, String> ALERT_KILLED_QUICKLY = Map.of(
            "portwatch.alert.listeners.session-timeout", "6s",
            "mp.messaging.incoming.probe-heartbeats.session.timeout.ms", "6000");

    /** Services whose packaged jar serves /q/health and /q/metrics on a management port, not the HTTP port. */
    private static final Set<String> MANAGEMENT_INTERFACE = Set.of("probe-service");

    private final String name;
    private final int httpPort;
    private final int healthPort;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int httpPort, int healthPort, Path log, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.healthPort = healthPort;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code <module>/target/quarkus-app/quarkus-run.jar} on a free HTTP port (and a free loopback management
     * port, where the service has one) with the given config.
     */
    static ServiceProcess start(String module, Map<String, String> config) {
        return start(module, FreePorts.any(), config);
    }

    /** Starts the module's runner jar as {@link #start(String, Map)} does, on the given HTTP port. */
    static ServiceProcess start(String module, int port, Map<String, String> config) {
        Path jar = LocalScripts.root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds them)");
        }
        int healthPort = port;
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-Dquarkus.http.port=" + port));
        if (MANAGEMENT_INTERFACE.contains(module)) {
            healthPort = FreePorts.any();
            command.addAll(List.of("-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + healthPort));
        }
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path log = Files.createDirectories(Path.of("target", "service-logs"))
                    .resolve(module + "-" + STARTED.incrementAndGet() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(module, port, healthPort, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + module, e);
        }
    }

    /**
     * Starts a plain runnable jar of the repository (the simulators) with its arguments; it has no HTTP port,
     * so wait for it with {@link #awaitOutput(String)}.
     */
    static ServiceProcess startJar(String name, Path jar, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx64m", "-jar", jar.toString()));
        command.addAll(arguments);
        return startCommand(name, command);
    }

    /** Starts a program (its command line) with its output in a log of its own; wait for it with {@link #awaitOutput(String)}. */
    static ServiceProcess startCommand(String name, List<String> command) {
        try {
            Path log = Files.createDirectories(Path.of("target", "service-logs")).resolve(name + "-" + STARTED.incrementAndGet() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(name, -1, -1, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the process has written a line containing {@code text}, failing with its log if it dies first. */
    ServiceProcess awaitOutput(String text) {
        await().atMost(READY_DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            return Files.readString(log).contains(text);
        });
        return this;
    }

    /** Waits until {@code /q/health/ready} answers 200, failing with the log's tail if the process dies or the deadline passes. */
    ServiceProcess awaitReady() {
        await().atMost(READY_DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                return given().port(healthPort).get("/q/health/ready").statusCode() == 200;
            } catch (Exception notListeningYet) {
                return false;
            }
        });
        return this;
    }

    int httpPort() {
        return httpPort;
    }

    /** Where /q/health and /q/metrics answer: the management port where the service has one, else the HTTP port. */
    int healthPort() {
        return healthPort;
    }

    /** The file its output goes to. */
    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process the way a crash or an OOM kill would (SIGKILL): no shutdown hook runs. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL for " + STOP_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Stops a process: SIGTERM, then SIGKILL if it has not exited after {@value #STOP_SECONDS} s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
