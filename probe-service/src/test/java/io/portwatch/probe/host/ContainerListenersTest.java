package io.portwatch.probe.host;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.probe.config.ProbeIdentity;
import io.portwatch.testing.Commands;
import io.portwatch.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener inside a Docker container is attributed to the container, from its process's cgroup. The
 * image is imported from Debian's static busybox (no registry is reachable); the container has no network
 * but its own loopback, and nothing is sent to it: the probe only reads /proc.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class ContainerListenersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String IMAGE = "portwatch-test/busybox:1";
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    @Inject
    ProbeIdentity identity;

    private String container;

    @BeforeEach
    void importImage() throws IOException, InterruptedException {
        if (!Commands.run("docker", "info").ok()) {
            throw new IllegalStateException("No Docker engine answers: run deploy/local/docker.sh start (./portwatch test does)");
        }
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException("The container image is made of " + BUSYBOX + ": apt-get install busybox-static (./portwatch test does)");
        }
        if (!Commands.run("docker", "image", "inspect", IMAGE).ok()) {
            Path root = Files.createTempDirectory("busybox-image");
            Files.createDirectories(root.resolve("bin"));
            Files.copy(BUSYBOX, root.resolve("bin/busybox"));
            assertThat(Commands.run("sh", "-c", "tar -C " + root + " -c . | docker import - " + IMAGE).ok()).as("docker import").isTrue();
        }
    }

    @AfterEach
    void removeContainer() throws IOException, InterruptedException {
        if (container != null) {
            Commands.run("docker", "rm", "-f", container);
        }
    }

    @Test
    void aContainersListenerIsAttributedToItsContainer() throws IOException, InterruptedException {
        String name = "portwatch-test-" + UUID.randomUUID().toString().substring(0, 8);
        Commands.Result started = Commands.run("docker", "run", "-d", "--name", name,
                "--network", "none", IMAGE, "/bin/busybox", "httpd", "-f", "-p", "3031");
        assertThat(started.ok()).as("docker run: " + started.output()).isTrue();
        container = started.output().get(started.output().size() - 1).trim();
        String hostId = identity.host().id() + "/container/" + container.substring(0, 12);

        NamespaceScan scan = await().atMost(DEADLINE).until(() -> hostScan(hostId),
                seen -> seen.isPresent() && seen.get().listeners().stream().anyMatch(listener -> listener.port() == 3031)).orElseThrow();

        assertThat(scan.host().node()).isEqualTo(identity.host().id());
        Listener httpd = scan.listeners().stream().filter(listener -> listener.port() == 3031).findFirst().orElseThrow();
        assertThat(httpd.container()).as("id from the cgroup, name from Docker's config.v2.json (metadata is on in %test)")
                .isEqualTo(new ContainerInfo(container, "docker", name, null));
        assertThat(scan.host().name()).isEqualTo("container " + name + " on " + identity.host().name());
        assertThat(httpd.netns().host()).isFalse();
        assertThat(httpd.process().name()).isEqualTo("busybox");
        assertThat(httpd.endpoint()).isEqualTo("tcp/[::]:3031");

        assertThat(Commands.run("docker", "rm", "-f", container).ok()).isTrue();
        await().atMost(DEADLINE).until(() -> hostScan(hostId).isEmpty());
    }

    private static Optional<NamespaceScan> hostScan(String hostId) {
        return List.of(get("/api/v1/listeners/hosts").then().statusCode(200).extract().as(NamespaceScan[].class)).stream()
                .filter(scan -> scan.host().id().equals(hostId))
                .findFirst();
    }
}
