package io.portwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portwatch.testing.LocalScripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production overlay's backups: every CloudNativePG cluster archived to the object store with the operator's
 * credentials and backed up on a schedule, and the recovery {@code Cluster} of docs/deploy.md valid against the
 * same schema, reading what production wrote and archiving to a new place.
 */
class BackupDeploymentTest {

    private static final String CREDENTIALS = "portwatch-backup-s3";
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    private static RenderedOverlay production;

    @BeforeAll
    static void render() {
        production = RenderedOverlay.render("production");
    }

    @Test
    void everyDatabaseIsArchivedAndBackedUpOnASchedule() {
        List<ObjectNode> clusters = production.ofKind("Cluster");
        List<String> scheduled = production.ofKind("ScheduledBackup").stream()
                .map(backup -> backup.at("/spec/cluster/name").asText()).toList();

        assertThat(clusters).extracting(RenderedOverlay::name).containsExactlyInAnyOrder("registry-db", "alert-db");
        for (ObjectNode cluster : clusters) {
            JsonNode store = cluster.at("/spec/backup/barmanObjectStore");
            assertThat(store.path("destinationPath").asText()).as(RenderedOverlay.name(cluster)).startsWith("s3://");
            assertThat(store.at("/s3Credentials/accessKeyId/name").asText()).isEqualTo(CREDENTIALS);
            assertThat(store.at("/s3Credentials/secretAccessKey/name").asText()).isEqualTo(CREDENTIALS);
            assertThat(cluster.at("/spec/backup/retentionPolicy").asText()).isNotEmpty();
        }
        assertThat(scheduled).containsExactlyInAnyOrder("registry-db", "alert-db");
        assertThat(production.ofKind("ScheduledBackup")).allSatisfy(backup -> {
            assertThat(backup.at("/spec/method").asText()).isEqualTo("barmanObjectStore");
            assertThat(backup.at("/metadata/namespace").asText()).isEqualTo("portwatch");
            // CloudNativePG's schedule has six fields, seconds first: a five-field cron would run every minute's second N.
            assertThat(backup.at("/spec/schedule").asText().split(" ")).hasSize(6);
        });
        StrictSchemas schemas = new StrictSchemas();
        assertThat(production.ofKind("ScheduledBackup")).allSatisfy(backup -> assertThat(schemas.violations(backup)).isEmpty());
    }

    @Test
    void theDocumentedRecoveryClusterIsValidAndArchivesToANewPlace() throws IOException {
        ObjectNode recovery = documentedRecovery();

        assertThat(new StrictSchemas().violations(recovery)).isEmpty();
        JsonNode source = recovery.at("/spec/externalClusters/0");
        assertThat(recovery.at("/spec/bootstrap/recovery/source").asText()).isEqualTo(source.path("name").asText());
        ObjectNode original = production.ofKind("Cluster").stream()
                .filter(cluster -> RenderedOverlay.name(cluster).equals(RenderedOverlay.name(recovery))).findFirst().orElseThrow();
        // It reads what the production cluster wrote, as the same database and owner...
        assertThat(source.at("/barmanObjectStore/serverName").asText()).isEqualTo(RenderedOverlay.name(original));
        assertThat(source.at("/barmanObjectStore/destinationPath")).isEqualTo(original.at("/spec/backup/barmanObjectStore/destinationPath"));
        assertThat(recovery.at("/spec/bootstrap/recovery/database")).isEqualTo(original.at("/spec/bootstrap/initdb/database"));
        assertThat(recovery.at("/spec/bootstrap/recovery/owner")).isEqualTo(original.at("/spec/bootstrap/initdb/owner"));
        // ...and archives elsewhere: a cluster refuses to archive into a place that holds another's WAL.
        assertThat(recovery.at("/spec/backup/barmanObjectStore/serverName").asText()).isNotEmpty()
                .isNotEqualTo(RenderedOverlay.name(original));
    }

    /** The one YAML block of docs/deploy.md that is a CloudNativePG Cluster. */
    private static ObjectNode documentedRecovery() throws IOException {
        String page = Files.readString(LocalScripts.root().resolve("docs/deploy.md"));
        List<ObjectNode> clusters = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(page);
        while (block.find()) {
            ObjectNode object = (ObjectNode) new YAMLMapper().readTree(block.group(1));
            if ("Cluster".equals(object.path("kind").asText())) {
                clusters.add(object);
            }
        }
        assertThat(clusters).as("the recovery Cluster in docs/deploy.md").hasSize(1);
        return clusters.get(0);
    }
}
