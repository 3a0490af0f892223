package io.portwatch.deploy;

import io.portwatch.deploy.ScriptRun.Result;
import io.portwatch.testing.LocalScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./portwatch backup} and {@code restore} refuse what they cannot use, saying why, before they touch a
 * database or a service (the whole round trip runs in PortwatchScriptIT, against a running stack).
 */
class LocalBackupTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void restoreNeedsADirectory() {
        Result result = portwatch("restore");

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("usage: ./portwatch restore DIR");
    }

    @Test
    void restoreOfAMissingDirectoryChangesNothing() {
        Result result = portwatch("restore", temp.resolve("no-such-backup").toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("no-such-backup does not exist").contains("nothing was changed");
    }

    @Test
    void restoreOfADirectoryThatIsNoBackupSaysSo() throws IOException {
        Path empty = Files.createDirectory(temp.resolve("empty"));

        Result result = portwatch("restore", empty.toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("has no manifest.json: not a backup written by ./portwatch backup");
    }

    @Test
    void restoreOfABackupWithoutADumpNamesIt() throws IOException {
        Path backup = backup("registry.dump", "alert.dump");
        Files.delete(backup.resolve("alert.dump"));

        Result result = portwatch("restore", backup.toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("alert.dump is missing: the backup is incomplete").contains("nothing was changed");
    }

    @Test
    void restoreOfADamagedBackupRefusesIt() throws IOException {
        Path backup = backup("registry.dump", "alert.dump");
        Files.writeString(backup.resolve("registry.dump"), "changed after the backup");

        Result result = portwatch("restore", backup.toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("is damaged: registry.dump: FAILED");
    }

    @Test
    void restoreOfAFileThatIsNoDumpRefusesIt() throws IOException {
        Result result = portwatch("restore", backup("registry.dump", "alert.dump").toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("registry.dump is not a pg_dump archive pg_restore can read");
    }

    @Test
    void backupNeverWritesIntoAnotherDirectorysFiles() throws IOException {
        Path used = Files.createDirectory(temp.resolve("used"));
        Files.writeString(used.resolve("notes.txt"), "mine");
        Path file = Files.writeString(temp.resolve("file"), "a file");

        Result nonEmpty = portwatch("backup", used.toString());
        Result underAFile = portwatch("backup", file.resolve("backup").toString());
        Result twoDirectories = portwatch("backup", "a", "b");

        assertThat(nonEmpty.exit()).isNotZero();
        assertThat(nonEmpty.output()).contains("is not empty: give a new directory");
        assertThat(Files.readString(used.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(underAFile.output()).contains("cannot create " + file.resolve("backup") + ": " + file + " is not a directory");
        assertThat(twoDirectories.output()).contains("usage: ./portwatch backup [DIR]");
    }

    /** A backup's shape (manifest, checksums) around files that are not dumps: what only the archive check catches. */
    private Path backup(String... files) throws IOException {
        Path backup = Files.createDirectory(temp.resolve("backup"));
        Files.writeString(backup.resolve("manifest.json"), "{\n  \"format\": \"portwatch-backup/1\"\n}\n");
        StringBuilder sums = new StringBuilder();
        for (String file : files) {
            byte[] content = ("not a dump: " + file).getBytes(StandardCharsets.UTF_8);
            Files.write(backup.resolve(file), content);
            sums.append(sha256(content)).append("  ").append(file).append('\n');
        }
        Files.writeString(backup.resolve("SHA256SUMS"), sums);
        return backup;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Result portwatch(String... arguments) {
        List<String> command = new ArrayList<>(List.of(LocalScripts.root().resolve("portwatch").toString()));
        command.addAll(List.of(arguments));
        // A state directory of its own: nothing of a developer's stack is read or changed.
        return ScriptRun.run(command, environment -> {
            environment.put("PORTWATCH_STATE", temp.resolve("state").toString());
            environment.put("NO_COLOR", "1");
        }, temp, DEADLINE);
    }
}
