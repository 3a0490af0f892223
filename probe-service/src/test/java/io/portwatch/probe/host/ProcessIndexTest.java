package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.probe.host.owners.SocketHolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a proc tree made in a temporary directory: pid directories, fd links, comm and status files as the kernel
 * shows them, including what a hostile process can make them show.
 */
class ProcessIndexTest {

    @TempDir
    Path proc;

    @Test
    void socketInodeLeadsToItsProcessWithNameExeUserAndUid() throws IOException {
        process(123, "sshd", 0, "/usr/sbin/sshd", "socket:[4242]", "pipe:[77]", "/dev/null");

        ProcessIndex index = index(Map.of(0, "root"), Set.of(4242L));

        assertThat(index.owners(4242)).isEqualTo(new ProcessIndex.Owners(new ProcessInfo(123, "sshd", "/usr/sbin/sshd", "root", 0), List.of(), null));
    }

    @Test
    void uidWithoutANameIsShownAsANumber() throws IOException {
        process(200, "rapportd", 501, "/usr/libexec/rapportd", "socket:[3031]");

        assertThat(owner(Map.of(), 3031).user()).isEqualTo("501");
    }

    @Test
    void socketNobodyOwnsVisiblyHasNoOwner() throws IOException {
        process(300, "other", 0, "/bin/other", "socket:[1]");

        assertThat(index(Map.of(0, "root"), Set.of(2L)).owners(2)).isNull();
    }

    @Test
    void processWhoseExeCannotBeReadKeepsItsNameAndNoExe() throws IOException {
        process(400, "kworker", 0, null, "socket:[55]");

        ProcessInfo owner = owner(Map.of(0, "root"), 55);
        assertThat(owner.name()).isEqualTo("kworker");
        assertThat(owner.exe()).isNull();
    }

    @Test
    void entriesThatAreNotProcessesAreIgnored() throws IOException {
        Files.createDirectories(proc.resolve("net"));
        Files.createDirectories(proc.resolve("self"));
        process(500, "nginx", 33, "/usr/sbin/nginx", "socket:[80]");

        assertThat(owner(Map.of(33, "www-data"), 80).user()).isEqualTo("www-data");
    }

    @Test
    void ownerInAContainerCarriesTheContainerOfItsCgroup() throws IOException {
        process(600, "nginx", 0, "/usr/sbin/nginx", "socket:[8080]");
        String id = "3f2a1b9c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
        Files.writeString(proc.resolve("600/cgroup"), "0::/system.slice/docker-" + id + ".scope\n");

        ProcessIndex.Owners owners = index(Map.of(0, "root"), Set.of(8080L)).owners(8080);

        assertThat(owners.container()).isEqualTo(new ContainerInfo(id, "docker", null, null));
    }

    @Test
    void aSocketSharedAfterForkIsOwnedByTheLowestPidAndSharedWithTheOthers() throws IOException {
        process(812, "worker", 33, "/usr/sbin/nginx", "socket:[80]");
        process(7, "nginx", 0, "/usr/sbin/nginx", "socket:[80]");
        process(90, "worker", 33, "/usr/sbin/nginx", "socket:[80]", "socket:[80]");

        ProcessIndex.Owners owners = index(Map.of(), Set.of(80L)).owners(80);

        assertThat(owners.process().pid()).isEqualTo(7);
        assertThat(owners.sharedWith()).as("pid order, each holder once however many fds it has")
                .extracting(ProcessInfo::pid).containsExactly(90L, 812L);
    }

    @Test
    void theOthersSharingASocketAreCappedAtTheContractsLimit() throws IOException {
        for (int pid = 1000; pid < 1000 + ContractLimits.SHARED_OWNERS + 10; pid++) {
            process(pid, "fork", 0, "/bin/fork", "socket:[99]");
        }

        ProcessIndex.Owners owners = index(Map.of(), Set.of(99L)).owners(99);

        assertThat(owners.process().pid()).isEqualTo(1000);
        assertThat(owners.sharedWith()).hasSize(ContractLimits.SHARED_OWNERS);
    }

    @Test
    void aNameWithSpacesParenthesesANewlineAndAnEscapeIsEscapedWhole() throws IOException {
        process(700, "a) (b\n\u001b[2K", 0, "/tmp/x", "socket:[7]");

        assertThat(owner(Map.of(), 7).name()).isEqualTo("a) (b\\x0A\\x1B[2K");
    }

    @Test
    void aNineByteNameOfTerminalEscapesCannotEraseARow() throws IOException {
        process(701, "a\u001b[2K\u001b[8m", 0, "/tmp/x", "socket:[8]");

        ProcessInfo owner = owner(Map.of(), 8);

        assertThat(owner.name()).isEqualTo("a\\x1B[2K\\x1B[8m");
        assertThat(ControlCharacters.present(owner.name())).isFalse();
    }

    @Test
    void aDeletedExecutableKeepsTheKernelsSuffixAndIsNotIntact() throws IOException {
        process(702, "rapportd", 0, "/tmp/rapportd (deleted)", "socket:[9]");

        ProcessInfo owner = owner(Map.of(), 9);

        assertThat(owner.exe()).isEqualTo("/tmp/rapportd (deleted)");
        assertThat(owner.exeIntact()).isFalse();
    }

    @Test
    void anExecutablePathWithControlCharactersIsEscaped() throws IOException {
        process(703, "x", 0, "/tmp/\u001b]0;pwned\u0007/x", "socket:[10]");

        assertThat(owner(Map.of(), 10).exe()).isEqualTo("/tmp/\\x1B]0;pwned\\x07/x");
    }

    @Test
    void aNameThatIsNotUtf8CannotHideTheUid() throws IOException {
        Path dir = process(704, "x", 1234, "/bin/x", "socket:[11]");
        byte[] name = {'a', (byte) 0xFF, (byte) 0xC3};
        Files.write(dir.resolve("comm"), concat(name, "\n".getBytes(StandardCharsets.UTF_8)));
        Files.write(dir.resolve("status"), concat(concat("Name:\t".getBytes(StandardCharsets.UTF_8), name),
                "\nUmask:\t0022\nUid:\t1234\t1234\t1234\t1234\n".getBytes(StandardCharsets.UTF_8)));

        ProcessInfo owner = owner(Map.of(), 11);

        assertThat(owner.uid()).isEqualTo(1234);
        assertThat(owner.name()).startsWith("a");
    }

    @Test
    void theRealUidIsTheFirstOfTheUidLine() throws IOException {
        Path dir = process(705, "setuid", 0, "/usr/bin/passwd", "socket:[12]");
        Files.writeString(dir.resolve("status"), "Name:\tsetuid\nUid:\t1000\t0\t0\t0\n");

        assertThat(owner(Map.of(1000, "alice"), 12)).extracting(ProcessInfo::uid, ProcessInfo::user).containsExactly(1000, "alice");
    }

    private ProcessIndex index(Map<Integer, String> userNames, Set<Long> inodes) {
        return ProcessIndex.of(proc, userNames, new SocketHolders(proc, 1).find(inodes));
    }

    private ProcessInfo owner(Map<Integer, String> userNames, long inode) {
        return index(userNames, Set.of(inode)).owners(inode).process();
    }

    private Path process(int pid, String comm, int uid, String exe, String... fdTargets) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("comm"), comm + "\n");
        // The kernel escapes a newline in status's Name: line, never in comm.
        Files.writeString(dir.resolve("status"), "Name:\t" + comm.replace("\n", "\\n") + "\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n");
        if (exe != null) {
            Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
        }
        Path fd = Files.createDirectories(dir.resolve("fd"));
        for (int i = 0; i < fdTargets.length; i++) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(i + 3)), Path.of(fdTargets[i]));
        }
        return dir;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
