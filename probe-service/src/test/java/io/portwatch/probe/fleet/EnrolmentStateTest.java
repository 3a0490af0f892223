package io.portwatch.probe.fleet;

import io.portwatch.events.listener.ProbeMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state file: written for the owner only, read back as untrusted. */
class EnrolmentStateTest {

    private static final ProbeCredentials CREDENTIALS = new ProbeCredentials("p-7", FakeAlertService.KEY, "node-a", ProbeMode.HOST,
            "lab", List.of());

    @TempDir
    Path directory;

    @Test
    void credentialsAreWrittenForTheOwnerOnlyAndReadBack() throws IOException {
        EnrolmentState state = new EnrolmentState(directory.resolve("probe").resolve("enrolment.json"));

        state.write(CREDENTIALS);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.file().getParent()))).isEqualTo("rwx------");
        assertThat(state.read()).contains(CREDENTIALS);
    }

    @Test
    void writingAgainReplacesTheCredentials() throws IOException {
        EnrolmentState state = new EnrolmentState(directory.resolve("enrolment.json"));
        state.write(CREDENTIALS);
        ProbeCredentials next = new ProbeCredentials("p-8", new byte[32], "node-a", ProbeMode.HOST, "lab", List.of());

        state.write(next);

        assertThat(state.read()).contains(next);
        assertThat(Files.list(directory)).containsExactly(state.file());
    }

    @Test
    void noFileIsNoCredentials() {
        assertThat(new EnrolmentState(directory.resolve("absent.json")).read()).isEmpty();
    }

    @Test
    void aFileThatDoesNotHoldCredentialsIsRefusedWithTheReason() throws IOException {
        for (String content : List.of("", "garbage", "null", "{\"probeId\":\"p-7\"}",
                "{\"probeId\":\"p-7\",\"key\":\"AAAA\",\"algorithm\":\"hmac-sha256\",\"node\":\"node-a\",\"mode\":\"HOST\",\"zone\":\"lab\"}",
                "{\"probeId\":\"p-7\",\"key\":\"" + "A".repeat(44) + "\",\"algorithm\":\"hmac-sha256\",\"node\":\"a/b\",\"mode\":\"HOST\",\"zone\":\"lab\"}",
                "{\"probeId\":\"p-7\",\"key\":\"" + "A".repeat(43) + "=\",\"algorithm\":\"hmac-sha256\",\"node\":\"node-a\",\"mode\":\"HOST\","
                        + "\"zone\":\"l\\u001bab\"}")) {
            Path file = Files.writeString(directory.resolve("enrolment.json"), content);

            assertThatThrownBy(() -> new EnrolmentState(file).read()).as(content).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not hold credentials");
        }
    }

    @Test
    void aFileLargerThanTheLimitIsNotRead() throws IOException {
        Path file = Files.write(directory.resolve("enrolment.json"), new byte[EnrolmentState.MAX_BYTES + 1]);

        assertThatThrownBy(() -> new EnrolmentState(file).read()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + EnrolmentState.MAX_BYTES);
    }

    @Test
    void theKeyNeverAppearsInTheCredentialsText() {
        assertThat(CREDENTIALS.toString()).doesNotContain(CREDENTIALS.encodedKey()).contains("p-7");
    }
}
