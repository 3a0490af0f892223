package io.portwatch.notifier.config;

import io.portwatch.events.contract.ControlCharacters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads secrets (tokens, HMAC keys, URLs that are credentials) from files such as Kubernetes Secret mounts. A
 * secret's value never appears in an exception or a log line: only the file's path does.
 */
public final class Secrets {

    private static final long MAX_SECRET_BYTES = 8_192;

    private Secrets() {
    }

    /** The file's content without a trailing newline; refuses an empty, oversized or multi-line secret. */
    public static String read(Path file) {
        try {
            if (Files.size(file) > MAX_SECRET_BYTES) {
                throw new IllegalStateException("secret file " + file + " is larger than " + MAX_SECRET_BYTES + " bytes");
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty() || ControlCharacters.present(value)) {
                throw new IllegalStateException("secret file " + file + " is empty or holds control characters (one line expected)");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Where an output sends: its {@code url}, else the URL in its {@code url-file}; empty when the output is off. */
    public static Optional<URI> url(NotifierConfig.Output output) {
        Optional<String> url = output.url().filter(text -> !text.isBlank()).or(() -> output.urlFile().map(Secrets::read));
        return url.map(text -> {
            URI uri = URI.create(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalStateException("an output URL is http or https, not " + uri.getScheme());
            }
            return uri;
        });
    }
}
