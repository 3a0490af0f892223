package io.portwatch.notifier.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The OCSF 1.4.0 Detection Finding schema kept in {@code src/test/resources/ocsf} (its description says where it comes
 * from and what it checks), with a validator a SIEM's intake could use.
 */
public final class OcsfSchema {

    private static final String RESOURCE = "/ocsf/detection_finding-1.4.0.schema.json";
    private static final JsonSchema SCHEMA = load();

    private OcsfSchema() {
    }

    /** What is wrong with a Detection Finding; empty when it is valid. */
    public static List<String> violations(JsonNode finding) {
        return SCHEMA.validate(finding).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load() {
        try (InputStream schema = OcsfSchema.class.getResourceAsStream(RESOURCE)) {
            if (schema == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
