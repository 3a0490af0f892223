package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code portwatch probes}: the enrolled probes, with their status and how long ago each was last heard. */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = "The enrolled probes: id, node, mode, zone, status, last heartbeat and its lag.")
public class ProbesCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(
            Column.of("ID", probe -> Column.field(probe.path("probeId"))),
            Column.of("NODE", probe -> Column.field(probe.path("node"))),
            Column.of("MODE", probe -> Column.field(probe.path("mode"))),
            Column.of("ZONE", probe -> Column.field(probe.path("zone"))),
            Column.of("STATUS", probe -> Column.field(probe.path("status"))).styled(ProbesCommand::status),
            Column.of("LAST HEARTBEAT", probe -> probe.hasNonNull("lastHeartbeat") ? probe.get("lastHeartbeat").asText() : "never"),
            Column.of("LAG", probe -> probe.path("heartbeatLagSeconds").isNumber() ? probe.get("heartbeatLagSeconds").asLong() + " s" : null));

    @Option(names = "--size", defaultValue = "100", description = "how many, at most (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--page", defaultValue = "0", description = "which page, from 0 (default ${DEFAULT-VALUE})")
    int page;

    @Mixin
    OutputOptions output = new OutputOptions();

    private final Http http;
    private final CliConfig config;

    public ProbesCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() {
        String url = config.alertUrl() + "/api/v1/probes?size=" + size + "&page=" + page;
        JsonNode listing = http.get(url, config.token()).orElseThrow(() -> new CliFailure(ExitCodes.UNAVAILABLE, "no probes API at " + url));
        List<JsonNode> rows = new ArrayList<>();
        listing.path("items").forEach(rows::add);
        Listing.print(output.format(), listing, rows, COLUMNS, "probes enrolled");
        if (Listing.table(output.format()) && !rows.isEmpty()) {
            System.out.println(Terminal.dim(rows.size() + " of " + Terminal.safe(listing.path("totalItems").asText()) + " probes"));
        }
        return Listing.exitCode(rows);
    }

    /** SILENT stands out (its findings are STALE), REVOKED recedes. */
    private static String status(String status, String text) {
        return switch (status == null ? "" : status.toUpperCase(Locale.ROOT)) {
            case "SILENT" -> Terminal.alarm(text);
            case "REVOKED" -> Terminal.dim(text);
            default -> text;
        };
    }
}
