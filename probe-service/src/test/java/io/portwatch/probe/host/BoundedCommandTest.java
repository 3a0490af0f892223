package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BoundedCommand} on real processes: the output handed over as it is read, the exit code and standard error
 * kept, and a tool that floods, hangs or leaves a child holding its output killed within its bounds.
 */
class BoundedCommandTest {

    private final BoundedCommand bounded = new BoundedCommand(Duration.ofSeconds(1), 1 << 20);

    @Test
    void streamedOutputExitCodeAndErrorAreWhatTheToolGave() throws IOException {
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();

        BoundedCommand.Exit exit = bounded.stream(List.of("sh", "-c", "printf 'p1\\000c\\303\\274\\000'; echo 'no \\033 way' >&2; exit 3"),
                (chunk, count) -> streamed.write(chunk, 0, count));

        assertThat(streamed.toByteArray()).isEqualTo("p1\0cü\0".getBytes(StandardCharsets.UTF_8));
        assertThat(exit.exitCode()).isEqualTo(3);
        assertThat(exit.error()).isEqualTo("no \\x1B way");
    }

    @Test
    void aToolThatPrintsMoreThanTheBoundIsKilledAndTheRunFails() {
        assertThatThrownBy(() -> bounded.run(List.of("yes", "flood")))
                .isInstanceOf(IOException.class).hasMessage("yes printed more than " + (1 << 20) + " bytes");
    }

    @Test
    void aToolThatHangsIsKilledAtItsTimeout() {
        assertThatThrownBy(() -> bounded.run(List.of("sleep", "60")))
                .isInstanceOf(IOException.class).hasMessage("sleep took longer than PT1S");
    }

    @Test
    void aChildHoldingTheOutputOpenIsKilledWithTheTool() {
        assertThatThrownBy(() -> bounded.run(List.of("sh", "-c", "sleep 60 & sleep 60")))
                .isInstanceOf(IOException.class).hasMessage("sh took longer than PT1S");
    }

    @Test
    void aFloodOnStandardErrorIsCutAndDoesNotStallTheTool() throws IOException {
        BoundedCommand.Result result = bounded.run(List.of("sh", "-c", "head -c 300000 /dev/zero | tr '\\000' e >&2; echo done"));

        assertThat(new String(result.output(), StandardCharsets.UTF_8)).isEqualTo("done\n");
        assertThat(result.error()).hasSize(ContractLimits.EVIDENCE_TEXT);
    }
}
