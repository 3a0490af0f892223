package io.portwatch.probe.host;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Executable paths: {@code ps -o pid=,comm=} output as macOS prints it, read strictly because a path can hold a
 * newline and forge a line; and the Linux way, the real {@code /proc/<pid>/exe} of this JVM.
 */
class ExecutablePathsTest {

    @Test
    void macOsPsOutputGivesEachProcessItsPath() {
        String output = "  412 /usr/libexec/rapportd\n  633 /System/Library/CoreServices/RemoteManagement/ARDAgent.app/Contents/MacOS/ARDAgent\n"
                + " 2210 /Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Helper (Renderer)\n";

        assertThat(ExecutablePaths.parsePs(output, Set.of(412L, 633L, 2210L))).isEqualTo(Map.of(
                412L, "/usr/libexec/rapportd",
                633L, "/System/Library/CoreServices/RemoteManagement/ARDAgent.app/Contents/MacOS/ARDAgent",
                2210L, "/Applications/Google Chrome.app/Contents/Frameworks/Google Chrome Helper (Renderer)"));
    }

    @Test
    void aPathThatForgesAnotherProcessesLineLeavesThatProcessUnknownNeverTrusted() {
        // /tmp/x<newline> 412 /usr/libexec/rapportd is a directory and a file anyone may create.
        String output = "  412 /usr/libexec/rapportd\n  666 /tmp/x\n 412 /usr/libexec/rapportd\n";

        Map<Long, String> paths = ExecutablePaths.parsePs(output, Set.of(412L, 666L));

        assertThat(paths).doesNotContainKey(412L);
        assertThat(paths.get(666L)).isEqualTo("/tmp/x");
    }

    @Test
    void aPathThatForgesItsOwnLineIsUnknown() {
        String output = "  666 /tmp/x\n  666 /usr/libexec/rapportd\n";

        assertThat(ExecutablePaths.parsePs(output, Set.of(666L))).isEmpty();
    }

    @Test
    void aNewlineInAPathContinuesItEscapedAndPidsNotAskedForForgeNothing() {
        String output = "  666 /tmp/a\n999 /usr/libexec/rapportd\n  667 /opt/b\u001b[2J\n";

        assertThat(ExecutablePaths.parsePs(output, Set.of(666L, 667L))).isEqualTo(Map.of(
                666L, "/tmp/a\\x0A999 /usr/libexec/rapportd",
                667L, "/opt/b\\x1B[2J"));
    }

    @Test
    void onLinuxThePathIsTheProcLinkOfTheProcess() throws Exception {
        Path proc = ExecutablePaths.procRootOfThisSystem();
        assertThat(proc).as("this test runs on Linux with /proc").isNotNull();
        long pid = ProcessHandle.current().pid();

        Map<Long, String> paths = new ExecutablePaths(proc, "ps", new BoundedCommand(Duration.ofSeconds(5), 1 << 20))
                .of(Set.of(pid), problem -> { });

        assertThat(Path.of(paths.get(pid))).isAbsolute();
        assertThat(Files.isSameFile(Path.of(paths.get(pid)), Path.of(ProcessHandle.current().info().command().orElseThrow()))).isTrue();
    }
}
