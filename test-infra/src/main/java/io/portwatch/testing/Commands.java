package io.portwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the tests' commands (ip, nsenter, docker) with a deadline. */
public final class Commands {

    private static final long DEADLINE_SECONDS = 60;

    /**
     * What a command did.
     *
     * @param ok     whether it exited 0 within the deadline
     * @param output its standard output and error, line by line
     */
    public record Result(boolean ok, List<String> output) {
    }

    private Commands() {
    }

    public static Result run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
            boolean exited = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            return new Result(exited && process.exitValue() == 0, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs it and returns its output; throws, with the output, when it fails. */
    public static List<String> require(String... command) {
        Result result = run(command);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (it needs root, iproute2 and util-linux): "
                    + String.join("\n", result.output()));
        }
        return result.output();
    }
}
