package io.portwatch.probe.fleet;

import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.json.EventJson;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The state file that keeps a probe's credentials across restarts: {@link CredentialsDocument} JSON, written
 * whole to a new file of mode 0600 (its directory 0700 when created) and moved into place, so a reader never sees
 * half a file and no other user can read the key. Read back as untrusted: at most {@value #MAX_BYTES} bytes, checked
 * like an enrolment answer.
 */
final class EnrolmentState {

    /** The largest state file read. */
    static final int MAX_BYTES = 16_384;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    EnrolmentState(Path file) {
        this.file = file;
    }

    /** Where it is kept. */
    Path file() {
        return file;
    }

    /**
     * The saved credentials; empty when there is no file.
     *
     * @throws IllegalArgumentException when the file cannot be read or does not hold credentials (the reason says which)
     */
    Optional<ProbeCredentials> read() {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(file, MAX_BYTES);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return Optional.of(EventJson.fromBytes(bytes, CredentialsDocument.class).credentials());
        } catch (RuntimeException malformed) {
            throw new IllegalArgumentException(file + " does not hold credentials: "
                    + ControlCharacters.escapeAndCut(String.valueOf(malformed.getMessage()), 200));
        }
    }

    /** Saves the credentials, replacing what the file held. */
    void write(ProbeCredentials credentials) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, permissions(directory, OWNER_ONLY_DIRECTORY));
        }
        Path next = directory.resolve(file.getFileName() + ".next");
        Files.deleteIfExists(next);
        try {
            Files.createFile(next, permissions(directory, OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("another process writes " + next + " at the same time");
        }
        Files.write(next, EventJson.toBytes(CredentialsDocument.of(credentials)));
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static FileAttribute<?>[] permissions(Path directory, Set<PosixFilePermission> permissions) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        boolean posix = existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
