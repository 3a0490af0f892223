package io.portwatch.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL queries of deploy/monitoring (the Grafana dashboard's targets, the alert rules' expressions) and the
 * metric names they read.
 */
final class MonitoringQueries {

    /** Label matchers, range selectors, quoted strings and grouping clauses: none of them name a metric. */
    private static final Pattern NOT_A_NAME = Pattern.compile(
            "\"[^\"]*\"|\\{[^}]*}|\\[[^\\]]*]|\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** An identifier not followed by "(" (a function or aggregation). */
    private static final Pattern IDENTIFIER = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private MonitoringQueries() {
    }

    /** Every {@code expr} of the Grafana dashboard's panels. */
    static List<String> dashboard(Path json) {
        List<String> queries = new ArrayList<>();
        try {
            new ObjectMapper().readTree(json.toFile()).path("panels")
                    .forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    /** Every rule's {@code expr} of a Prometheus rules file. */
    static List<String> rules(Path yaml) {
        List<String> queries = new ArrayList<>();
        try {
            for (JsonNode group : new YAMLMapper().readTree(yaml.toFile()).path("groups")) {
                group.path("rules").forEach(rule -> queries.add(rule.path("expr").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    /** The metric names a query reads. */
    static Set<String> metricNames(String query) {
        Matcher identifiers = IDENTIFIER.matcher(NOT_A_NAME.matcher(query).replaceAll(" "));
        Set<String> names = new TreeSet<>();
        while (identifiers.find()) {
            String name = identifiers.group(1);
            if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }
}
