package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    static final String HEADER = Terminal.pad("ASSET", 28) + "  " + Terminal.pad("OPEN C/H/M/L/I", 18) + "  "
            + Terminal.pad("HOSTS", 5) + "  ADDRESSES";
    private static final List<String> SEVERITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO");

    @Parameters(arity = "0..1", paramLabel = "ID", description = "one asset: a node, or <address>@<zone>")
    String id;

    @Option(names = "--size", defaultValue = "100", description = "how many, at most (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--json", description = "print the API's JSON, for scripts")
    boolean json;

    private final Http http;
    private final CliConfig config;

    public AssetsCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() {
        String url = config.alertUrl() + "/api/v1/assets"
                + (id == null ? "?size=" + size : "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
        var body = http.get(url, config.token());
        if (body.isEmpty()) {
            System.err.println("portwatch: " + (id == null ? "no assets API at " + url : "no asset " + Terminal.safe(id)));
            return id == null ? ExitCodes.UNAVAILABLE : ExitCodes.NOT_FOUND;
        }
        if (json) {
            System.out.println(JsonOutput.pretty(body.get()));
            return ExitCodes.OK;
        }
        if (id != null) {
            detail(body.get());
            return ExitCodes.OK;
        }
        JsonNode items = body.get().path("items");
        if (items.isEmpty()) {
            System.out.println("no assets");
            return ExitCodes.NOT_FOUND;
        }
        System.out.println(Terminal.bold(HEADER));
        items.forEach(asset -> System.out.println(row(asset)));
        System.out.println(Terminal.dim(items.size() + " of " + Terminal.safe(body.get().path("totalItems").asText()) + " assets"));
        return ExitCodes.OK;
    }

    static String row(JsonNode asset) {
        return Terminal.pad(asset.path("id").asText(), 28) + "  " + Terminal.pad(open(asset.path("openFindings")), 18) + "  "
                + Terminal.pad(String.valueOf(asset.path("hostIds").size()), 5) + "  " + Terminal.safe(addresses(asset.path("addresses")));
    }

    private static void detail(JsonNode asset) {
        System.out.println(Terminal.bold(Terminal.safe(asset.path("id").asText())) + "  open " + open(asset.path("openFindings")));
        System.out.println("  names      " + Terminal.safe(join(asset.path("names"))));
        System.out.println("  hosts      " + Terminal.safe(join(asset.path("hostIds"))));
        System.out.println("  addresses  " + Terminal.safe(addresses(asset.path("addresses"))));
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
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    private static String join(JsonNode values) {
        List<String> parts = new ArrayList<>();
        values.forEach(value -> parts.add(value.asText()));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
