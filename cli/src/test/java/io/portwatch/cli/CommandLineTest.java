package io.portwatch.cli;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as Quarkus wires it: the completion script picocli generates names every command, subcommand and
 * option; the analyst's subcommands are there; formats are read in any case; a bad one is a usage error.
 */
@QuarkusMainTest
class CommandLineTest {

    @Test
    @Launch("completion")
    void completionScriptNamesTheCommandsSubcommandsAndOptions(LaunchResult result) {
        assertThat(result.getOutput()).contains("complete -F _complete_portwatch", "_picocli_portwatch_findings_ack",
                "_picocli_portwatch_suppressions_create");
        assertThat(result.getOutput()).contains("lookup", "findings", "suppressions", "assets", "probes", "alerts", "scan",
                "completion", "--updated-since", "--cursor", "--output", "--reason");
    }

    @Test
    @Launch({"findings", "--help"})
    void findingsListsItsActions(LaunchResult result) {
        assertThat(result.getOutput()).contains("ack", "suppress", "resolve", "-o, --output=FORMAT", "--all", "--cursor");
    }

    @Test
    @Launch(value = {"findings", "-o", "xml"}, exitCode = ExitCodes.USAGE)
    void anUnknownFormatIsAUsageError(LaunchResult result) {
        assertThat(result.getErrorOutput()).contains("xml", "WIDE");
    }
}
