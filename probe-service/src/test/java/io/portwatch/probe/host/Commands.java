package io.portwatch.probe.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the tests' commands (ip, nsenter, docker) with a deadline. */
final class Commands {

    private static final long DEADLINE_SECONDS = 60;

    /**
     * What a command did.
     *
     * @param ok     whether it exited 0 within the deadline
     * @param output its standard output and error, line by line
     */
    record Result(boolean ok, List<String> output) {
    }

    private Commands() {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
        boolean exited = process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        return new Result(exited && process.exitValue() == 0, lines);
    }

    /** Runs it and returns its output; throws, with the output, when it fails. */
    static List<String> require(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed (it needs root, iproute2 and util-linux): "
                    + String.join("\n", result.output()));
        }
        return result.output();
    }
}
