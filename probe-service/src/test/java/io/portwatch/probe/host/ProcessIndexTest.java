package io.portwatch.probe.host;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.ProcessInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** On a proc tree made in a temporary directory: pid directories, fd links and status files as the kernel shows them. */
class ProcessIndexTest {

    @TempDir
    Path proc;

    @Test
    void socketInodeLeadsToItsProcessWithNameExeAndUser() throws IOException {
        process(123, "sshd", 0, "/usr/sbin/sshd", "socket:[4242]", "pipe:[77]", "/dev/null");

        ProcessIndex index = ProcessIndex.build(proc, Map.of(0, "root"), Set.of(4242L));

        assertThat(index.owner(4242)).isEqualTo(new ProcessIndex.Owner(new ProcessInfo(123, "sshd", "/usr/sbin/sshd", "root"), null));
    }

    @Test
    void uidWithoutANameIsShownAsANumber() throws IOException {
        process(200, "rapportd", 501, "/usr/libexec/rapportd", "socket:[3031]");

        assertThat(ProcessIndex.build(proc, Map.of(), Set.of(3031L)).owner(3031).process().user()).isEqualTo("501");
    }

    @Test
    void socketNobodyOwnsVisiblyHasNoOwner() throws IOException {
        process(300, "other", 0, "/bin/other", "socket:[1]");

        assertThat(ProcessIndex.build(proc, Map.of(0, "root"), Set.of(2L)).owner(2)).isNull();
    }

    @Test
    void processWhoseExeCannotBeReadKeepsItsNameAndNoExe() throws IOException {
        process(400, "kworker", 0, null, "socket:[55]");

        ProcessInfo owner = ProcessIndex.build(proc, Map.of(0, "root"), Set.of(55L)).owner(55).process();
        assertThat(owner.name()).isEqualTo("kworker");
        assertThat(owner.exe()).isNull();
    }

    @Test
    void entriesThatAreNotProcessesAreIgnored() throws IOException {
        Files.createDirectories(proc.resolve("net"));
        Files.createDirectories(proc.resolve("self"));
        process(500, "nginx", 33, "/usr/sbin/nginx", "socket:[80]");

        assertThat(ProcessIndex.build(proc, Map.of(33, "www-data"), Set.of(80L)).owner(80).process().user()).isEqualTo("www-data");
    }

    @Test
    void ownerInAContainerCarriesTheContainerOfItsCgroup() throws IOException {
        process(600, "nginx", 0, "/usr/sbin/nginx", "socket:[8080]");
        String id = "3f2a1b9c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
        Files.writeString(proc.resolve("600/cgroup"), "0::/system.slice/docker-" + id + ".scope\n");

        ProcessIndex.Owner owner = ProcessIndex.build(proc, Map.of(0, "root"), Set.of(8080L)).owner(8080);

        assertThat(owner.container()).isEqualTo(new ContainerInfo(id, "docker", null, null));
    }

    private void process(int pid, String comm, int uid, String exe, String... fdTargets) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
        if (exe != null) {
            Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
        }
        Path fd = Files.createDirectories(dir.resolve("fd"));
        for (int i = 0; i < fdTargets.length; i++) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(i + 3)), Path.of(fdTargets[i]));
        }
    }
}
