package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code portwatch assets [ID]}: the machines findings are on (a node joined with the network hosts of the addresses
 * it alone claims), with their open findings by severity; with an id, that one asset in full.
 */
@Command(name = "assets", mixinStandardHelpOptions = true,
        description = "The assets (machines) with their open findings by severity, addresses and hosts; or one asset.")
public class AssetsCommand implements Callable<Integer> {

    static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");
    static final List<Column> COLUMNS = List.of(
            Column.of("ASSET", asset -> Column.field(asset.path("id"))),
            Column.of("OPEN C/H/M/L/I", asset -> open(asset.path("openFindings"))),
            Column.of("HOSTS", asset -> String.valueOf(asset.path("hostIds").size())),
            Column.wide("NAMES", asset -> join(asset.path("names"))),
            Column.of("ADDRESSES", asset -> addresses(asset.path("addresses"))));

    @Parameters(arity = "0..1", paramLabel = "ID", description = "one asset: a node, or <address>@<zone>")
    String id;

    @Option(names = "--size", defaultValue = "100", description = "how many, at most (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--page", defaultValue = "0", description = "which page, from 0 (default ${DEFAULT-VALUE})")
    int page;

    @Mixin
    OutputOptions output = new OutputOptions();

    private final Http http;
    private final CliConfig config;

    public AssetsCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() {
        String url = config.alertUrl() + "/api/v1/assets"
                + (id == null ? "?size=" + size + "&page=" + page : "/" + Http.segment(id));
        var body = http.get(url, config.token());
        if (body.isEmpty()) {
            System.err.println("portwatch: " + (id == null ? "no assets API at " + url : "no asset " + Terminal.safe(id)));
            return id == null ? ExitCodes.UNAVAILABLE : ExitCodes.NOT_FOUND;
        }
        if (id != null && Listing.table(output.format())) {
            detail(body.get());
            return ExitCodes.OK;
        }
        List<JsonNode> rows = new ArrayList<>();
        if (id == null) {
            body.get().path("items").forEach(rows::add);
        } else {
            rows.add(body.get());
        }
        Listing.print(output.format(), body.get(), rows, COLUMNS, "assets");
        if (id == null && Listing.table(output.format()) && !rows.isEmpty()) {
            System.out.println(Terminal.dim(rows.size() + " of " + Terminal.safe(body.get().path("totalItems").asText()) + " assets, page "
                    + page + " of " + Terminal.safe(body.get().path("totalPages").asText())));
        }
        return Listing.exitCode(rows);
    }

    private static void detail(JsonNode asset) {
        System.out.println(Terminal.bold(Terminal.safe(asset.path("id").asText())) + "  open " + open(asset.path("openFindings")));
        System.out.println("  names      " + Terminal.pad(join(asset.path("names")), 0));
        System.out.println("  hosts      " + Terminal.pad(join(asset.path("hostIds")), 0));
        System.out.println("  addresses  " + Terminal.pad(addresses(asset.path("addresses")), 0));
    }

    /** Open findings per severity, most severe first: {@code 0/2/1/0/0}. */
    private static String open(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        SEVERITIES.forEach(severity -> parts.add(String.valueOf(counts.path(severity).asLong())));
        return String.join("/", parts);
    }

    /** {@code 10.1.2.3@lab}, with {@code (shared)} after one that another asset claims too (it joins neither). */
    private static String addresses(JsonNode addresses) {
        List<String> parts = new ArrayList<>();
        addresses.forEach(address -> parts.add(address.path("address").asText() + "@" + address.path("zone").asText()
                + (address.path("ambiguous").asBoolean() ? " (shared)" : "")));
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static String join(JsonNode values) {
        List<String> parts = new ArrayList<>();
        values.forEach(value -> parts.add(value.asText()));
        return parts.isEmpty() ? null : String.join(", ", parts);
    }
}
