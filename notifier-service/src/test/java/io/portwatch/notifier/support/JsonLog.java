package io.portwatch.notifier.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.json.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The service's JSON log lines, as the test config writes them to a file ({@code quarkus.log.file.json.enabled}). */
public final class JsonLog {

    private static final Path FILE = Path.of("target", "notifier-test-log.json");

    private JsonLog() {
    }

    /** Every line written so far, each one JSON object. */
    public static List<JsonNode> lines() {
        try {
            return Files.readAllLines(FILE).stream().filter(line -> !line.isBlank()).map(JsonLog::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the JSON log " + FILE.toAbsolutePath() + " (test config) cannot be read", e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return EventJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("a line of the JSON log is not JSON: " + line, e);
        }
    }
}
