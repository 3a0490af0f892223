package io.portwatch.system;

import io.portwatch.testing.FreePorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debian's Prometheus ({@code /usr/bin/prometheus}, package {@code prometheus}) on loopback, scraping the given
 * jobs' {@code /q/metrics} every second and evaluating deploy/monitoring's rules every second, with its data under
 * {@code target/}. Started and stopped by the test; it only ever scrapes the loopback targets it is given.
 */
final class PrometheusServer implements AutoCloseable {

    private static final String BINARY = "/usr/bin/prometheus";

    private final ServiceProcess process;
    private final int port;

    private PrometheusServer(ServiceProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus scraping each job's loopback ports (job name to metrics ports) with {@code rules} loaded. */
    static PrometheusServer start(Map<String, List<Integer>> jobs, Path rules) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's prometheus package (deploy/local/prerequisites.sh does)");
        }
        try {
            Path home = Files.createDirectories(Path.of("target", "prometheus-" + ProcessHandle.current().pid())).toAbsolutePath();
            Path config = home.resolve("prometheus.yml");
            Files.writeString(config, config(jobs, rules.toAbsolutePath()));
            int port = FreePorts.any();
            ServiceProcess process = ServiceProcess.startCommand("prometheus", List.of(BINARY,
                    "--config.file=" + config, "--storage.tsdb.path=" + home.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.retention.time=1h"));
            process.awaitOutput("Server is ready to receive web requests.");
            return new PrometheusServer(process, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write Prometheus' configuration", e);
        }
    }

    private static String config(Map<String, List<Integer>> jobs, Path rules) {
        String scrapes = jobs.entrySet().stream().map(job -> """
                  - job_name: %s
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: [%s]
                """.formatted(job.getKey(), job.getValue().stream().map(port -> "'127.0.0.1:" + port + "'")
                .collect(Collectors.joining(", ")))).collect(Collectors.joining());
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - '%s'
                scrape_configs:
                %s""".formatted(rules, scrapes);
    }

    /** Its HTTP API's port on 127.0.0.1. */
    int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
    }
}
