package io.portwatch.probe.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test's helper process (python3, on the host or through {@code ip netns exec}) that prints a line when it is
 * ready and holds its sockets until its stdin closes; every wait is bounded.
 */
final class ReadyProcess implements AutoCloseable {

    private static final long WAIT_SECONDS = 20;

    private final Process process;
    private final BufferedReader out;
    private String readyLine;

    private ReadyProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the command and waits for its first line, which must begin with {@code ready}. */
    static ReadyProcess start(List<String> command) throws IOException {
        ReadyProcess started = new ReadyProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        try {
            started.readyLine = started.awaitLine("ready");
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Waits for the next line, which must begin with {@code expected}, and returns it. */
    String awaitLine(String expected) throws IOException {
        String line;
        try {
            line = CompletableFuture.supplyAsync(this::readLine).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + expected, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no '" + expected + "' from " + process.info().commandLine().orElse("the process"), e);
        }
        if (line == null || !line.startsWith(expected)) {
            throw new IOException("expected '" + expected + "', got: " + line);
        }
        return line;
    }

    /** The words after {@code ready} on its first line. */
    String readyLine() {
        return readyLine.substring("ready".length()).trim();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to exit on its own. */
    boolean awaitExit() throws InterruptedException {
        return process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String readLine() {
        try {
            return out.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
