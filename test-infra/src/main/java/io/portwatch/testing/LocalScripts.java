package io.portwatch.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the repository's {@code deploy/local} scripts, so tests start infrastructure exactly as users do. */
public final class LocalScripts {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(5);

    private LocalScripts() {
    }

    /** The repository root: the {@code portwatch.root} system property, or the nearest parent with {@code deploy/local}. */
    public static Path root() {
        String configured = System.getProperty("portwatch.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/local/kafka.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (deploy/local/kafka.sh); set -Dportwatch.root");
    }

    /**
     * Runs {@code deploy/local/<script>} with arguments and extra environment, failing with its output when it fails.
     */
    public static void run(String script, Map<String, String> environment, String... arguments) {
        runFromRoot("deploy/local/" + script, environment, arguments);
    }

    /** Runs a script of the repository, by its path from the root, failing with its output when it fails. */
    public static void runFromRoot(String script, Map<String, String> environment, String... arguments) {
        runFromRoot(script, environment, SCRIPT_TIMEOUT, arguments);
    }

    /** As {@link #runFromRoot(String, Map, String...)}, for scripts that may take longer than five minutes. */
    public static void runFromRoot(String script, Map<String, String> environment, Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(root().resolve(script).toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            // Output to a file, so the deadline holds even for a script that never closes its output.
            Path output = Files.createTempFile("portwatch-script", ".out");
            try {
                Process process = builder.redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish in " + timeout + ":\n" + Files.readString(output));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + ":\n"
                            + Files.readString(output));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
