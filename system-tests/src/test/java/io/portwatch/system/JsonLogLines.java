package io.portwatch.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JSON log lines of a service's log (quarkus.log.console.json.enabled=true), one object per line. */
final class JsonLogLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLogLines() {
    }

    /** Every line of the log that is a JSON object (the JVM's own warnings are not). */
    static List<JsonNode> read(Path log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (JsonProcessingException notWholeYet) {
                    // The last line may still be being written.
                }
            }
        }
        return lines;
    }

    /** The line's MDC fields of these names, in order (null where it has none). */
    static List<String> mdc(JsonNode line, String... names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            JsonNode value = line.path("mdc").path(name);
            values.add(value.isTextual() ? value.asText() : null);
        }
        return values;
    }
}
