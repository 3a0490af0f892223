package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.json.EventJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code portwatch lookup 3283 | net-assistant}: what the registry knows of a port or service. */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = "What Portwatch knows of a port (3283) or a service name or alias (net-assistant, ard).")
public class LookupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PORT|NAME", description = "a port number 0-65535, or a service name or alias")
    String query;

    @Option(names = "--json", description = "print the registry's JSON, for scripts")
    boolean json;

    private final Http http;
    private final CliConfig config;

    public LookupCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() {
        String path = query.matches("\\d{1,5}") ? "/api/v1/ports/" + query
                : "/api/v1/services/" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        List<JsonNode> entries = new ArrayList<>();
        http.get(config.registryUrl() + path, config.token()).ifPresent(body -> body.forEach(entries::add));
        if (entries.isEmpty()) {
            System.err.println("portwatch: nothing known of " + Terminal.safe(query));
            return ExitCodes.NOT_FOUND;
        }
        if (json) {
            System.out.println(JsonOutput.pretty(entries.size() == 1 ? entries.get(0) : EventJson.mapper().createArrayNode().addAll(entries)));
            return ExitCodes.OK;
        }
        entries.forEach(LookupCommand::print);
        return ExitCodes.OK;
    }

    private static void print(JsonNode entry) {
        System.out.println(Terminal.bold(Terminal.safe(entry.path("transport").asText() + "/" + entry.path("port").asText() + "  "
                + entry.path("serviceName").asText("(unnamed)"))) + "  " + Terminal.safe(entry.path("status").asText()) + "  risk "
                + Terminal.severity(entry.path("risk").asText()).trim() + "  " + Terminal.dim(Terminal.safe(entry.path("range").asText())));
        line("description", entry.path("description").asText(null));
        line("aliases", join(entry.path("aliases")));
        line("threats", join(entry.path("threats")));
        line("expected processes", join(entry.path("expectedProcesses")));
        if (entry.hasNonNull("amplificationFactor")) {
            line("amplification", entry.get("amplificationFactor").asText() + "x");
        }
        if (entry.path("plaintextCredentials").asBoolean()) {
            line("credentials", "taken without TLS");
        }
        line("remediation", entry.path("remediation").asText(null));
        line("references", join(entry.path("references")));
        System.out.println();
    }

    private static void line(String label, String value) {
        if (value != null && !value.isBlank()) {
            System.out.println("  " + Terminal.dim(Terminal.pad(label + ":", 20)) + Terminal.safe(value));
        }
    }

    private static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return String.join(", ", values);
    }
}
