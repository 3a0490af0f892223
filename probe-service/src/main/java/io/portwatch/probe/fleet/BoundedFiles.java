package io.portwatch.probe.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small files read whole, up to a limit: a file that is larger (or a device that never ends) is refused. */
final class BoundedFiles {

    private BoundedFiles() {
    }

    /** The file's bytes. @throws IOException when it cannot be read or holds more than {@code maxBytes} */
    static byte[] read(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IOException(file + " holds more than " + maxBytes + " bytes");
            }
            return bytes;
        }
    }
}
