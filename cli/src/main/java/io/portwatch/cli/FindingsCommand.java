package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.events.json.EventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code portwatch findings}: the findings, one page at a time by the findings API's cursor ({@code --cursor}), or every
 * page ({@code --all}); with a subcommand, an analyst's action on one finding.
 */
@Command(name = "findings", mixinStandardHelpOptions = true,
        description = "The findings, most severe and most recently seen first (or --sort updated: least recently changed first).")
public class FindingsCommand implements Callable<Integer> {

    /** The most pages {@code --all} follows: a guard against a server whose cursor never ends. */
    static final int MAX_PAGES = 10_000;

    @Option(names = "--state", description = "open, acknowledged, suppressed, resolved or stale (its probe went silent); "
            + "several comma-separated")
    String state;

    @Option(names = "--severity", description = "info, low, medium, high or critical; several comma-separated")
    String severity;

    @Option(names = "--host", description = "only this host id (an address may be written in any form: ::1@lab)")
    String host;

    @Option(names = "--asset", description = "only findings on this asset (a machine: a node, or <address>@<zone>)")
    String asset;

    @Option(names = "--rule", description = "only this rule's findings")
    String rule;

    @Option(names = "--port", description = "only findings on this port")
    Integer port;

    @Option(names = "--updated-since", paramLabel = "TIME", description = "only findings changed at or after TIME "
            + "(RFC 3339, e.g. 2026-12-01T08:00:00Z)")
    String updatedSince;

    @Option(names = "--sort", description = "severity (the default), lastSeen, firstSeen or updated")
    String sort;

    @Option(names = {"--limit", "--size"}, defaultValue = "100", description = "findings per page (default ${DEFAULT-VALUE}; "
            + "the service caps it)")
    int limit;

    @Option(names = "--cursor", description = "start where a page ended: the cursor it printed (or its nextCursor)")
    String cursor;

    @Option(names = "--all", description = "follow every page to the end")
    boolean all;

    @Mixin
    OutputOptions output = new OutputOptions();

    private final Http http;
    private final CliConfig config;
    private final FindingActions actions;

    public FindingsCommand(Http http, CliConfig config, FindingActions actions) {
        this.http = http;
        this.config = config;
        this.actions = actions;
    }

    @Command(name = "ack", mixinStandardHelpOptions = true, description = "OPEN -> ACKNOWLEDGED, with a reason (an analyst's token)")
    int acknowledge(@Parameters(paramLabel = "ID") String id, @Option(names = "--reason", required = true) String reason,
            @Mixin OutputOptions format) {
        return actions.act(id, FindingActions.Action.ACKNOWLEDGE, reason, format.format());
    }

    @Command(name = "suppress", mixinStandardHelpOptions = true,
            description = "OPEN or ACKNOWLEDGED -> SUPPRESSED, with a reason (an analyst's token)")
    int suppress(@Parameters(paramLabel = "ID") String id, @Option(names = "--reason", required = true) String reason,
            @Mixin OutputOptions format) {
        return actions.act(id, FindingActions.Action.SUPPRESS, reason, format.format());
    }

    @Command(name = "resolve", mixinStandardHelpOptions = true,
            description = "Any unresolved state -> RESOLVED, with a reason; it opens again if its listener is seen again (an analyst's token)")
    int resolve(@Parameters(paramLabel = "ID") String id, @Option(names = "--reason", required = true) String reason,
            @Mixin OutputOptions format) {
        return actions.act(id, FindingActions.Action.RESOLVE, reason, format.format());
    }

    @Override
    public Integer call() {
        JsonNode page = page(cursor);
        List<JsonNode> rows = new ArrayList<>();
        page.path("items").forEach(rows::add);
        String next = text(page.path("nextCursor"));
        for (int pages = 1; all && next != null; pages++) {
            if (pages >= MAX_PAGES) {
                throw new CliFailure(ExitCodes.UNAVAILABLE, "still more findings after " + MAX_PAGES + " pages; page with --cursor");
            }
            JsonNode more = page(next);
            more.path("items").forEach(rows::add);
            next = text(more.path("nextCursor"));
        }
        JsonNode document = all ? merged(rows, page.path("totalItems")) : page;
        Listing.print(output.format(), document, rows, FindingColumns.listing(), "findings");
        if (Listing.table(output.format()) && !rows.isEmpty()) {
            System.out.println(Terminal.dim(rows.size() + " of " + Terminal.safe(page.path("totalItems").asText()) + " findings"
                    + (next == null ? "" : "; next page: --cursor " + Terminal.safe(next))));
        } else if (output.format() == OutputFormat.CSV && next != null) {
            System.err.println("portwatch: more findings; next page: --cursor " + Terminal.safe(next));
        }
        return Listing.exitCode(rows);
    }

    private JsonNode page(String after) {
        StringBuilder url = new StringBuilder(config.alertUrl()).append("/api/v1/findings/search?limit=").append(limit);
        parameter(url, "state", state == null ? null : state.toUpperCase(Locale.ROOT));
        parameter(url, "severity", severity == null ? null : severity.toUpperCase(Locale.ROOT));
        parameter(url, "host", host);
        parameter(url, "asset", asset);
        parameter(url, "rule", rule);
        parameter(url, "port", port == null ? null : port.toString());
        parameter(url, "updatedSince", updatedSince);
        parameter(url, "sort", sort);
        parameter(url, "cursor", after);
        return http.get(url.toString(), config.token()).orElseThrow(() -> new CliFailure(ExitCodes.UNAVAILABLE, "no findings API at " + url));
    }

    /** Every page's findings as one page: {@code items}, {@code totalItems} and no {@code nextCursor}. */
    private static JsonNode merged(List<JsonNode> rows, JsonNode total) {
        ObjectNode document = EventJson.mapper().createObjectNode();
        ArrayNode items = document.putArray("items");
        rows.forEach(items::add);
        document.putNull("nextCursor");
        document.set("totalItems", total);
        return document;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static void parameter(StringBuilder url, String name, String value) {
        if (value != null) {
            url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
