package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code portwatch suppressions list|create|delete}: the suppression policies; creating and deleting one takes an
 * analyst's token. Without a subcommand: the list.
 */
@Command(name = "suppressions", mixinStandardHelpOptions = true,
        description = "Suppression policies: list them, create one (it suppresses matching findings now and when they appear), delete one.")
public class SuppressionsCommand implements Callable<Integer> {

    static final List<Column> COLUMNS = List.of(
            Column.of("ID", policy -> Column.field(policy.path("id"))),
            Column.of("RULE", policy -> Column.field(policy.path("rule"))),
            Column.of("PORT", policy -> policy.hasNonNull("port") || policy.hasNonNull("transport")
                    ? policy.path("transport").asText("*") + "/" + policy.path("port").asText("*") : null),
            Column.of("HOSTS", policy -> Column.field(policy.path("hostPattern"))),
            Column.of("PROCESS", policy -> Column.field(policy.path("process"))),
            Column.of("BY", policy -> Column.field(policy.path("createdBy"))),
            Column.wide("CREATED", policy -> Column.field(policy.path("createdAt"))),
            Column.of("REASON", policy -> Column.field(policy.path("reason"))));

    @Mixin
    OutputOptions output = new OutputOptions();

    private final Http http;
    private final CliConfig config;

    public SuppressionsCommand(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    @Override
    public Integer call() {
        return list(output);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every suppression policy, oldest first.")
    int list(@Mixin OutputOptions format) {
        String url = config.alertUrl() + "/api/v1/suppressions";
        JsonNode policies = http.get(url, config.token()).orElseThrow(() -> new CliFailure(ExitCodes.UNAVAILABLE, "no suppressions API at " + url));
        List<JsonNode> rows = new ArrayList<>();
        policies.forEach(rows::add);
        Listing.print(format.format(), policies, rows, COLUMNS, "suppression policies");
        return Listing.exitCode(rows);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "A policy: at least one of --rule, --transport, --port, --host-pattern, --process, and a reason.")
    int create(@Option(names = "--rule", description = "a rule id") String rule,
            @Option(names = "--transport", description = "tcp, udp, sctp or dccp") String transport,
            @Option(names = "--port", description = "0-65535") Integer port,
            @Option(names = "--host-pattern", description = "a glob on the host's id or name (mac-build-*)") String hostPattern,
            @Option(names = "--process", description = "the owner's executable path, or the name it gives itself") String process,
            @Option(names = "--reason", required = true, description = "why, for the findings' history") String reason,
            @Mixin OutputOptions format) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rule", rule);
        body.put("transport", transport);
        body.put("port", port);
        body.put("hostPattern", hostPattern);
        body.put("process", process);
        body.put("reason", reason);
        JsonNode result = http.post(config.alertUrl() + "/api/v1/suppressions", body, token("create"));
        JsonNode policy = result.path("policy");
        Listing.print(format.format(), result, List.of(policy), COLUMNS, "suppression policies");
        if (Listing.table(format.format())) {
            System.out.println(Terminal.dim("policy " + Terminal.safe(policy.path("id").asText()) + " suppressed "
                    + result.path("suppressed").asInt() + " active findings now"));
        }
        return ExitCodes.OK;
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Deletes a policy; the findings it suppressed stay suppressed.")
    int delete(@Parameters(paramLabel = "ID") long id) {
        if (!http.delete(config.alertUrl() + "/api/v1/suppressions/" + id, token("delete"))) {
            System.err.println("portwatch: no suppression policy " + id);
            return ExitCodes.NOT_FOUND;
        }
        System.out.println("deleted suppression policy " + id);
        return ExitCodes.OK;
    }

    private String token(String action) {
        return config.token().filter(value -> !value.isBlank()).orElseThrow(() -> new CliFailure(ExitCodes.USAGE,
                "suppressions " + action + " needs an analyst's token in PORTWATCH_TOKEN"));
    }
}
