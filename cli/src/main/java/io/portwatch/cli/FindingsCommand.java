package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code portwatch findings}: the current findings, most severe first. */
@Command(name = "findings", mixinStandardHelpOptions = true, description = "The findings, most severe and most recently seen first.")
public class FindingsCommand implements Callable<Integer> {

    @Option(names = "--state", description = "open, acknowledged, suppressed, resolved or stale (its probe went silent)")
    String state;

    @Option(names = "--severity", description = "info, low, medium, high or critical")
    String severity;

    @Option(names = "--host", description = "only this host id (an address may be written in any form: ::1@lab)")
    String host;

    @Option(names = "--asset", description = "only findings on this asset (a machine: a node, or <address>@<zone>)")
    String asset;

    @Option(names = "--size", defaultValue = "100", description = "how many, at most (default ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--json", description = "print the API's JSON page, for scripts")
    boolean json;

    private final Http http;
    private final CliConfig config;

    public FindingsCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() {
        StringBuilder url = new StringBuilder(config.alertUrl()).append("/api/v1/findings?size=").append(size);
        parameter(url, "state", state == null ? null : state.toUpperCase(Locale.ROOT));
        parameter(url, "severity", severity == null ? null : severity.toUpperCase(Locale.ROOT));
        parameter(url, "host", host);
        parameter(url, "asset", asset);
        JsonNode page = http.get(url.toString(), config.token()).orElseThrow(() -> new CliFailure(ExitCodes.UNAVAILABLE, "no findings API at " + url));
        if (json) {
            System.out.println(JsonOutput.pretty(page));
            return ExitCodes.OK;
        }
        JsonNode items = page.path("items");
        if (items.isEmpty()) {
            System.out.println("no findings");
            return ExitCodes.NOT_FOUND;
        }
        System.out.println(Terminal.bold(FindingRow.HEADER));
        items.forEach(finding -> System.out.println(FindingRow.of(finding, finding.path("state").asText())));
        System.out.println(Terminal.dim(items.size() + " of " + Terminal.safe(page.path("totalItems").asText()) + " findings"));
        return ExitCodes.OK;
    }

    private static void parameter(StringBuilder url, String name, String value) {
        if (value != null) {
            url.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
