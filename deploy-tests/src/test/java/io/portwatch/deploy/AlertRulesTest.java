package io.portwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.portwatch.testing.LocalScripts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules of deploy/monitoring: the Kubernetes PrometheusRule holds exactly the plain rules file's groups,
 * {@code promtool check rules} accepts them and {@code promtool test rules} passes the series written for each rule
 * (firing and silent), with Debian's promtool (package {@code prometheus}).
 */
class AlertRulesTest {

    private static final Path MONITORING = LocalScripts.root().resolve("deploy/monitoring");
    private static final Path RULES = MONITORING.resolve("portwatch-rules.yml");
    private static final long DEADLINE_SECONDS = 60;

    @Test
    void thePrometheusRuleHoldsThePlainRulesFileUnchanged() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode plain = yaml.readTree(RULES.toFile());
        JsonNode kubernetes = yaml.readTree(RenderedOverlay.KUBERNETES.resolve("base/alert-rules.yaml").toFile());

        assertThat(kubernetes.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(kubernetes.path("spec")).isEqualTo(plain);
        assertThat(plain.at("/groups/0/rules")).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void promtoolAcceptsTheRules() {
        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: 10 rules found");
    }

    @Test
    void everyRuleFiresOnItsSeriesAndStaysSilentOtherwise() {
        assertThat(promtool("test", "rules", MONITORING.resolve("portwatch-rules.test.yml").toString())).contains("SUCCESS");
    }

    /** Runs promtool, failing with its output when it fails; returns the output. */
    private static String promtool(String... arguments) {
        Path output;
        try {
            output = Files.createTempFile("promtool", ".out");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Process process;
            try {
                process = new ProcessBuilder(command(arguments)).directory(MONITORING.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("promtool is needed to check the alert rules and is not on the PATH: install Debian's "
                        + "prometheus package (deploy/local/prerequisites.sh does)", e);
            }
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool did not finish in " + DEADLINE_SECONDS + " s: " + Files.readString(output));
            }
            String text = Files.readString(output);
            assertThat(process.exitValue()).as("promtool " + String.join(" ", arguments) + " said:\n" + text).isZero();
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            output.toFile().delete();
        }
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        return command;
    }
}
