package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code portwatch probes}: the enrolled probes, with their status and how long ago each was last heard. */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = "The enrolled probes: id, node, mode, zone, status, last heartbeat and its lag.")
public class ProbesCommand implements Callable<Integer> {

    static final String HEADER = Terminal.pad("ID", 24) + "  " + Terminal.pad("NODE", 24) + "  " + Terminal.pad("MODE", 7) + "  "
            + Terminal.pad("ZONE", 16) + "  " + Terminal.pad("STATUS", 8) + "  " + Terminal.pad("LAST HEARTBEAT", 24) + "  LAG";

    @Option(names = "--size", defaultValue = "100", description = "how many, at most (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--json", description = "print the API's JSON page, for scripts")
    boolean json;

    private final Http http;
    private final CliConfig config;

    public ProbesCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() {
        String url = config.alertUrl() + "/api/v1/probes?size=" + size;
        JsonNode page = http.get(url, config.token()).orElseThrow(() -> new CliFailure(ExitCodes.UNAVAILABLE, "no probes API at " + url));
        if (json) {
            System.out.println(JsonOutput.pretty(page));
            return ExitCodes.OK;
        }
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            System.out.println("no probes enrolled");
            return ExitCodes.NOT_FOUND;
        }
        System.out.println(Terminal.bold(HEADER));
        items.forEach(probe -> System.out.println(row(probe)));
        System.out.println(Terminal.dim(items.size() + " of " + Terminal.safe(page.path("totalItems").asText()) + " probes"));
        return ExitCodes.OK;
    }

    static String row(JsonNode probe) {
        JsonNode lag = probe.path("heartbeatLagSeconds");
        return Terminal.pad(probe.path("probeId").asText(), 24) + "  " + Terminal.pad(probe.path("node").asText(), 24) + "  "
                + Terminal.pad(probe.path("mode").asText(), 7) + "  " + Terminal.pad(probe.path("zone").asText("-"), 16) + "  "
                + status(probe.path("status").asText()) + "  " + Terminal.pad(probe.path("lastHeartbeat").asText("never"), 24) + "  "
                + (lag.isNumber() ? lag.asLong() + " s" : "-");
    }

    /** SILENT stands out (its findings are STALE), REVOKED recedes. */
    private static String status(String status) {
        return switch (status.toUpperCase(Locale.ROOT)) {
            case "SILENT" -> Terminal.alarm(Terminal.pad(status, 8));
            case "REVOKED" -> Terminal.dim(Terminal.pad(status, 8));
            default -> Terminal.pad(status, 8);
        };
    }
}
