package io.portwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.DumperOptions;

/**
 * JSON as the CLI prints it with {@code -o yaml}. YAML counts C1's NEL and the bidirectional overrides as printable;
 * writing ASCII only (everything else as a {@code \}{@code uXXXX} escape in a double-quoted scalar) keeps every control
 * character and override out of the terminal while the document stays the same data.
 */
final class YamlOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper(YAMLFactory.builder().dumperOptions(options()).build());

    private YamlOutput() {
    }

    static String of(JsonNode json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setAllowUnicode(false);
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(Integer.MAX_VALUE);
        return options;
    }
}
