package io.portwatch.probe.host.owners;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One python3 process of {@code owners/churn.py}: a command a line, each answer awaited with a deadline. */
final class Churner implements AutoCloseable {

    /** An answer: the command's value and the socket inodes the process holds after it. */
    record Answer(long value, List<Long> inodes) {
    }

    private static final long WAIT_SECONDS = 20;
    private static final Path SCRIPT = Path.of("src/test/resources/owners/churn.py").toAbsolutePath();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private List<Long> inodes = List.of();
    private Path receiving;

    private Churner(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = process.outputWriter(StandardCharsets.UTF_8);
    }

    static Churner start() throws IOException {
        Churner churner = new Churner(new ProcessBuilder("/usr/bin/python3", SCRIPT.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        churner.answer("start");
        return churner;
    }

    /** Sends a command and waits for its answer; an error answer fails. */
    Answer run(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        return answer(command);
    }

    private Answer answer(String command) throws IOException {
        String line;
        try {
            line = CompletableFuture.supplyAsync(this::readLine).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no answer to '" + command + "' from pid " + process.pid(), e);
        }
        if (line == null || !line.startsWith("ok ")) {
            throw new IOException("'" + command + "' answered: " + line);
        }
        List<String> words = new ArrayList<>(Arrays.asList(line.substring(3).trim().split(" ")));
        long value = Long.parseLong(words.remove(0));
        inodes = words.stream().filter(word -> !word.isEmpty()).map(Long::valueOf).toList();
        return new Answer(value, inodes);
    }

    private String readLine() {
        try {
            return out.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    long pid() {
        return process.pid();
    }

    /** The sockets it held after its last answer. */
    List<Long> inodes() {
        return inodes;
    }

    /** The Unix socket it receives sockets on, or null. */
    Path receiving() {
        return receiving;
    }

    void receiving(Path path) {
        this.receiving = path;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: it keeps nothing open, and its pid may come back as another process's. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
