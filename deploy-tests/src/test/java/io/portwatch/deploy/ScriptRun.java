package io.portwatch.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs one of the repository's scripts as a user would: no input, standard error with the output, within a deadline. */
final class ScriptRun {

    /** How a run ended: its exit code and everything it printed. */
    record Result(int exit, String output) {
    }

    private ScriptRun() {
    }

    /**
     * @param environment edits the script's environment (the test's own, inherited)
     * @param temp        where its output is collected
     * @throws AssertionError when it does not finish by the deadline (it is killed then)
     * @throws IllegalStateException when the command cannot be started (not installed)
     */
    static Result run(List<String> command, Consumer<Map<String, String>> environment, Path temp, Duration deadline) {
        try {
            Path output = Files.createTempFile(temp, "output", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            environment.accept(builder.environment());
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException(command.get(0) + " is needed and cannot be started (deploy/local/prerequisites.sh "
                        + "installs what the tests need)", e);
            }
            if (!process.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + deadline.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
