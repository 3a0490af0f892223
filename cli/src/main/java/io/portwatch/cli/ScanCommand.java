package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code portwatch scan 127.0.0.1 --ports 1-4000}: a network scan by probe-service, followed to its end. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Scan addresses or CIDRs (inside the probe's allowed scopes) and print what is open, with evidence.")
public class ScanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "TARGET", arity = "1..*", description = "addresses or CIDRs, e.g. 127.0.0.1 or 127.0.0.0/30")
    List<String> targets;

    @Option(names = "--ports", defaultValue = "1-1024,3031,3283", description = "ports and ranges (default ${DEFAULT-VALUE})")
    String ports;

    @Option(names = "--transports", split = ",", defaultValue = "tcp,udp", description = "tcp, udp or both (default ${DEFAULT-VALUE})")
    List<String> transports;

    @Option(names = "--no-evidence", description = "only find open ports; no protocol probes")
    boolean noEvidence;

    @Option(names = "--timeout", defaultValue = "600", description = "give up waiting after this many seconds (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--json", description = "print the finished scan's JSON")
    boolean json;

    private final Http http;
    private final CliConfig config;

    public ScanCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() throws InterruptedException {
        String token = config.token().orElseThrow(() -> new CliFailure(ExitCodes.USAGE,
                "scans need an operator token in PORTWATCH_TOKEN (./portwatch scan makes one for a local run)"));
        JsonNode scan = http.post(config.probeUrl() + "/api/v1/scans",
                Map.of("targets", targets, "ports", ports, "transports", transports, "evidence", !noEvidence), token);
        String url = config.probeUrl() + "/api/v1/scans/" + scan.path("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        long lastReport = 0;
        while (!finished(scan)) {
            if (System.nanoTime() > deadline) {
                System.err.println("portwatch: scan " + Terminal.safe(scan.path("id").asText()) + " not finished after " + timeoutSeconds + " s");
                return ExitCodes.TIMED_OUT;
            }
            if (!json && System.nanoTime() - lastReport > 2_000_000_000L) {
                System.err.printf("scanning: %d of %d probes%n", scan.path("probed").asLong(), scan.path("probes").asLong());
                lastReport = System.nanoTime();
            }
            Thread.sleep(200);
            scan = http.get(url, token).orElseThrow(() -> new CliFailure(ExitCodes.NOT_FOUND, "the scan is gone: " + url));
        }
        if (json) {
            System.out.println(JsonOutput.pretty(scan));
        } else {
            print(scan);
        }
        return "DONE".equals(scan.path("state").asText()) ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
    }

    private static boolean finished(JsonNode scan) {
        String state = scan.path("state").asText();
        return state.equals("DONE") || state.equals("FAILED");
    }

    private static void print(JsonNode scan) {
        if ("FAILED".equals(scan.path("state").asText())) {
            System.err.println("portwatch: scan failed: " + Terminal.safe(scan.path("error").asText()));
            return;
        }
        for (JsonNode result : scan.path("results")) {
            System.out.println(Terminal.bold(Terminal.safe(result.path("address").asText())) + "  " + result.path("listeners").size() + " open");
            for (JsonNode listener : result.path("listeners")) {
                System.out.println("  " + Terminal.pad(listener.path("transport").asText() + "/" + listener.path("port").asText(), 10)
                        + "  " + Terminal.safe(evidence(listener.path("evidence"))));
            }
            if (!result.path("openFilteredUdp").isEmpty()) {
                System.out.println("  " + Terminal.dim("udp open|filtered (no answer): " + Terminal.safe(result.path("openFilteredUdp").toString())));
            }
        }
        System.out.println(Terminal.dim(Terminal.safe(scan.path("probed").asText()) + " probes"));
    }

    private static String evidence(JsonNode evidence) {
        if (evidence.isMissingNode() || evidence.isNull()) {
            return "";
        }
        StringBuilder text = new StringBuilder(evidence.path("kind").asText());
        if (evidence.path("kind").asText().startsWith("arms") || evidence.path("kind").asText().startsWith("udp")) {
            text.append(String.format(" %d bytes in, %d out (%.1fx)", evidence.get("requestBytes").asInt(),
                    evidence.get("responseBytes").asInt(), evidence.get("responseBytes").asDouble() / evidence.get("requestBytes").asInt()));
        }
        if (evidence.hasNonNull("httpStatus")) {
            text.append(" HTTP ").append(evidence.get("httpStatus").asInt());
        }
        if (evidence.hasNonNull("httpServer")) {
            text.append(" server \"").append(evidence.get("httpServer").asText()).append('"');
        }
        if (evidence.hasNonNull("httpAuth")) {
            text.append(" asks ").append(evidence.get("httpAuth").asText());
        }
        if (evidence.hasNonNull("tls")) {
            text.append(evidence.get("tls").asBoolean() ? " TLS" : " no TLS");
        }
        if (evidence.hasNonNull("banner")) {
            text.append(" banner \"").append(evidence.get("banner").asText()).append('"');
        }
        return text.toString();
    }
}
