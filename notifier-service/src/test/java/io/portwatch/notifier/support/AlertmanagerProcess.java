package io.portwatch.notifier.support;

import io.portwatch.testing.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback port, clustering off, with a
 * private data directory; the tests read its alerts back through its API v2.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/usr/bin/alertmanager"));
    private static final String CONFIG = """
            global:
              resolve_timeout: 5m
            route:
              receiver: nobody
              group_wait: 1h
            receivers:
              - name: nobody
            """;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final ProcessBuilder command;
    private final URI url;
    private Process process;

    private AlertmanagerProcess(ProcessBuilder command, URI url) {
        this.command = command;
        this.url = url;
    }

    /** Starts Alertmanager and waits until it answers ready. */
    public static AlertmanagerProcess start(Path parent) {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "Alertmanager is missing: these tests need Debian's prometheus-alertmanager package (apt-get install -y "
                        + "prometheus-alertmanager; ./portwatch test installs it through deploy/local/prerequisites.sh). Looked for "
                        + BINARIES));
        try {
            Files.createDirectories(parent);
            Path directory = Files.createTempDirectory(parent, "alertmanager-");
            Path config = Files.writeString(directory.resolve("alertmanager.yml"), CONFIG);
            int port = FreePorts.any();
            ProcessBuilder command = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=", "--log.level=warn")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("alertmanager.log").toFile()));
            AlertmanagerProcess alertmanager = new AlertmanagerProcess(command, URI.create("http://127.0.0.1:" + port));
            alertmanager.startAgain();
            return alertmanager;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts it (again, after {@link #close()}) on the same port and data directory, and waits until it answers ready.
     * Alertmanager keeps alerts in memory: a restarted one knows only the alerts sent to it since.
     */
    public synchronized void startAgain() {
        try {
            process = command.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("Alertmanager ready").atMost(Duration.ofSeconds(30)).until(this::ready);
    }

    /** Its base URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return url;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("Alertmanager exited with " + process.exitValue());
        }
        try {
            return CLIENT.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops it: connections are refused until {@link #startAgain()}. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
