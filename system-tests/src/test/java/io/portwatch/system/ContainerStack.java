package io.portwatch.system;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import io.portwatch.testing.FreePorts;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.LocalScripts;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.lifecycle.Startables;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Portwatch from its images (deploy/images/build.sh), on a Docker network of its own: Kafka, PostgreSQL,
 * registry- and alert-service; a "legacy host" (a sandbox container owning a network and a process
 * namespace, as a Kubernetes pod's pause container does) running the simulators, watched by a host-mode
 * probe-service in that same namespace; and a network-mode probe-service that scans the legacy host,
 * allowed to scan this network only. Only the HTTP ports of registry and alert, and a Kafka listener
 * for the test, are published, on 127.0.0.1.
 */
final class ContainerStack implements AutoCloseable {

    static final String LEGACY_HOST_ID = "legacy-host";
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Path LOGS = Path.of("target", "container-logs");
    private static final String JWT_KEY = "/etc/portwatch/jwt/public.pem";
    private static final String DATABASE_PASSWORD = UUID.randomUUID().toString();

    private final Network network = Network.newNetwork();
    private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
    private final int kafkaPort = FreePorts.any();
    private GenericContainer<?> registry;
    private GenericContainer<?> alert;
    private GenericContainer<?> simulators;
    private String legacyHostAddress;

    /** Builds the images (cached; the services' from their jars of this build) and starts everything. */
    ContainerStack() {
        try {
            start();
        } catch (RuntimeException e) {
            close(); // Ryuk is off: nothing else would remove what did start
            throw e;
        }
    }

    private void start() {
        LocalScripts.runFromRoot("deploy/images/build.sh", Map.of(), Duration.ofMinutes(15), "all");
        Path jwtKey = JwtKeys.generate(Path.of("target", "container-jwt")).publicKey();

        GenericContainer<?> kafka = onNetwork("kafka", "portwatch/kafka")
                .withEnv("PORTWATCH_KAFKA_ADVERTISED", "kafka:9092")
                .withEnv("PORTWATCH_KAFKA_EXTERNAL_ADVERTISED", "127.0.0.1:" + kafkaPort)
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", kafkaPort), ExposedPort.tcp(9094))))
                .waitingFor(Wait.forLogMessage(".*\\[kafka\\] ready.*", 1));
        GenericContainer<?> postgres = onNetwork("postgres", "portwatch/postgres")
                .withEnv("POSTGRES_PASSWORD", DATABASE_PASSWORD)
                .withEnv("PORTWATCH_DATABASES", "portwatch_registry:registry:" + DATABASE_PASSWORD
                        + " portwatch_alert:alert:" + DATABASE_PASSWORD)
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 1));
        Startables.deepStart(kafka, postgres).join();

        registry = withDatabase(service(onNetwork("registry", "portwatch/registry-service"), jwtKey), "portwatch_registry");
        alert = withDatabase(service(onNetwork("alert", "portwatch/alert-service"), jwtKey), "portwatch_alert");
        GenericContainer<?> legacyHost = onNetwork(LEGACY_HOST_ID, "portwatch/base").withCommand("sleep", "infinity");
        Startables.deepStart(registry, alert, legacyHost).join();
        legacyHostAddress = legacyHost.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next()
                .getIpAddress();

        simulators = inNamespacesOf(legacyHost, "simulators", "portwatch/simulators")
                .waitingFor(Wait.forLogMessage(".*simulators: ready.*", 1));
        GenericContainer<?> hostProbe = service(inNamespacesOf(legacyHost, "probe-host", "portwatch/probe-service"), jwtKey)
                .withEnv("PORTWATCH_PROBE_HOST_ID", LEGACY_HOST_ID)
                .withEnv("PORTWATCH_PROBE_HOST_MODE_INTERVAL", "2s");
        GenericContainer<?> networkProbe = service(onNetwork("probe-network", "portwatch/probe-service"), jwtKey)
                .withEnv("PORTWATCH_PROBE_HOST_MODE_ENABLED", "false")
                .withEnv("PORTWATCH_PROBE_NETWORK_MODE_ALLOWED_SCOPES", subnet())
                .withEnv("PORTWATCH_PROBE_NETWORK_MODE_SCHEDULE_TARGETS", legacyHostAddress)
                .withEnv("PORTWATCH_PROBE_NETWORK_MODE_SCHEDULE_PORTS", "311,3031,3283")
                .withEnv("PORTWATCH_PROBE_NETWORK_MODE_SCHEDULE_EVERY", "5s");
        Startables.deepStart(simulators, hostProbe, networkProbe).join();
    }

    /** The Kafka bootstrap address for clients outside the containers' network. */
    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    int registryPort() {
        return registry.getMappedPort(8080);
    }

    int alertPort() {
        return alert.getMappedPort(8080);
    }

    /** The legacy host's address on the stack's network: the network-mode probe's host id for it. */
    String legacyHostAddress() {
        return legacyHostAddress;
    }

    void stopSimulators() {
        simulators.stop();
    }

    /** The text of a file inside the running container {@code name} (e.g. {@code registry}, {@code probe-network}). */
    String fileIn(String name, String path) {
        try {
            Container.ExecResult cat = containers.get(name).execInContainer("cat", path);
            if (cat.getExitCode() != 0) {
                throw new AssertionError(name + " has no " + path + ": " + cat.getStderr());
            }
            return cat.getStdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Keeps every container's log in target/container-logs, then removes the containers and the network. */
    @Override
    public void close() {
        List<String> names = new ArrayList<>(containers.keySet());
        Collections.reverse(names);
        try {
            for (String name : names) {
                GenericContainer<?> container = containers.get(name);
                try {
                    if (container.getContainerId() != null) {
                        Files.createDirectories(LOGS);
                        Files.writeString(LOGS.resolve(name + ".log"), container.getLogs());
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("could not keep the log of " + name + ": " + e);
                } finally {
                    container.stop();
                }
            }
        } finally {
            network.close();
        }
    }

    private GenericContainer<?> onNetwork(String name, String image) {
        return named(name, image).withNetwork(network).withNetworkAliases(name);
    }

    /** A container in the network and process namespaces of {@code owner}, as containers of one pod are. */
    private GenericContainer<?> inNamespacesOf(GenericContainer<?> owner, String name, String image) {
        String namespaces = "container:" + owner.getContainerId();
        return named(name, image).withNetworkMode(namespaces)
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPidMode(namespaces));
    }

    private GenericContainer<?> named(String name, String image) {
        GenericContainer<?> container = new GenericContainer<>(image + ":latest").withStartupTimeout(STARTUP);
        containers.put(name, container);
        return container;
    }

    /**
     * A service with the stack's Kafka and the JWT key, locked down as deploy/kubernetes runs it (read-only
     * root filesystem with a /tmp of its own, every capability dropped, no privilege escalation); started
     * when Quarkus says so.
     */
    private static GenericContainer<?> service(GenericContainer<?> service, Path jwtKey) {
        return service.withEnv("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                // exec: native libraries (zstd) are unpacked to /tmp and loaded from there, as from an emptyDir.
                .withTmpFs(Map.of("/tmp", "rw,exec"))
                // A bind mount, as a Secret volume is: nothing can be copied into a read-only root filesystem
                // (and Testcontainers' withFileSystemBind would pull an image to check that mounts work).
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withReadonlyRootfs(true)
                        .withCapDrop(Capability.ALL).withSecurityOpts(List.of("no-new-privileges"))
                        .withBinds(new Bind(jwtKey.toAbsolutePath().toString(), new Volume(JWT_KEY), AccessMode.ro)))
                .withEnv("PORTWATCH_JWT_PUBLIC_KEY", JWT_KEY)
                .waitingFor(Wait.forLogMessage(".* started in .*", 1));
    }

    /** The service's own database on the stack's PostgreSQL; ready when its readiness check is. */
    private static GenericContainer<?> withDatabase(GenericContainer<?> service, String database) {
        return service.withEnv("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/" + database)
                .withEnv("QUARKUS_DATASOURCE_PASSWORD", DATABASE_PASSWORD)
                .withExposedPorts(8080)
                // Published on 127.0.0.1 only (a random port), not on every interface of the machine.
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(8080))))
                .waitingFor(Wait.forHttp("/q/health/ready").forPort(8080));
    }

    private String subnet() {
        return DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(network.getId()).exec()
                .getIpam().getConfig().get(0).getSubnet();
    }
}
