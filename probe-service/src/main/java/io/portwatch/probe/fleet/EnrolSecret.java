package io.portwatch.probe.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The enrol secret, read from its file (a mounted Kubernetes Secret, or a file on a laptop) at each attempt. */
final class EnrolSecret {

    /** The largest secret file read. */
    static final int MAX_BYTES = 4_096;

    private EnrolSecret() {
    }

    /** The secret: the file's text without surrounding white space. @throws IOException when it is missing, empty or too large */
    static String read(Path file) throws IOException {
        String secret = new String(BoundedFiles.read(file, MAX_BYTES), StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new IOException(file + " is empty");
        }
        return secret;
    }
}
