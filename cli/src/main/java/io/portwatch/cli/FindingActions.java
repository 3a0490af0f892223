package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** An analyst's action on one finding ({@code findings ack|suppress|resolve ID --reason ...}), printed as the finding now is. */
@ApplicationScoped
public class FindingActions {

    /** The actions, by the path of their endpoint. */
    enum Action {
        ACKNOWLEDGE("acknowledge"), SUPPRESS("suppress"), RESOLVE("resolve");

        private final String path;

        Action(String path) {
            this.path = path;
        }
    }

    private final Http http;
    private final CliConfig config;

    public FindingActions(Http http, CliConfig config) {
        this.http = http;
        this.config = config;
    }

    int act(String id, Action action, String reason, OutputFormat format) {
        String token = config.token().filter(value -> !value.isBlank()).orElseThrow(() -> new CliFailure(ExitCodes.USAGE,
                "findings " + action.path + " needs an analyst's token in PORTWATCH_TOKEN"));
        JsonNode finding = http.post(config.alertUrl() + "/api/v1/findings/" + Http.segment(id) + "/" + action.path,
                Map.of("reason", reason), token);
        Listing.print(format, finding, List.of(finding), FindingColumns.listing(), "findings");
        return ExitCodes.OK;
    }
}
