package io.portwatch.system;

import io.portwatch.testing.Commands;
import io.portwatch.testing.TestNetns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The hostile hosts of {@link HostileFleetIT}: network namespaces ({@code ip netns add}) and the python3 processes
 * that hold listeners in them, each started and waited for until it says "ready". Everything made here (namespaces,
 * processes, a copied executable) is undone by {@link #close()}, in reverse order. Nothing is sent on any network.
 */
final class HostileHosts implements AutoCloseable {

    private static final long READY_SECONDS = 30;

    /** A started process and its standard output, read line by line. */
    record Held(Process process, BufferedReader output) {

        /** The next line it prints, within a deadline. */
        String nextLine() {
            try {
                return CompletableFuture.supplyAsync(() -> {
                    try {
                        return output.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).get(READY_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("no line from " + process.info().commandLine().orElse("a process") + " within "
                        + READY_SECONDS + " s", e);
            }
        }

        long pid() {
            return process.pid();
        }
    }

    private final List<String> namespaces = new ArrayList<>();
    private final List<Held> processes = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();

    /** Creates a namespace, deleted on close. */
    void namespace(String name) {
        TestNetns.add(name);
        namespaces.add(name);
    }

    /**
     * Starts {@code interpreter script args} in a namespace and waits for its "ready"; a python3 binary copied
     * elsewhere ({@link #executableAt(Path)}) runs as that executable.
     */
    Held startIn(String namespace, Path interpreter, Path script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, interpreter.toString(),
                script.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        return start(command);
    }

    /** Starts {@code python3 script args} in the test's own namespace and waits for its "ready". */
    Held startHere(Path script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        return start(command);
    }

    /**
     * Copies python3's executable to {@code target}, deleted on close, so a process can run at a path the probe
     * trusts; refuses to touch a file that is already there.
     */
    Path executableAt(Path target) {
        if (Files.exists(target)) {
            throw new IllegalStateException(target + " exists on this machine; this test never overwrites it");
        }
        try {
            Files.createDirectories(target.getParent());
            files.add(target);
            Files.copy(Path.of("/usr/bin/python3").toRealPath(), target, StandardCopyOption.COPY_ATTRIBUTES);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy python3 to " + target, e);
        }
    }

    /** A file a process of the test creates (a Unix socket), deleted on close. */
    Path removedOnClose(Path file) {
        files.add(file);
        return file;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ServiceProcess.stop(processes.get(i).process());
        }
        processes.clear();
        namespaces.forEach(name -> Commands.run("ip", "netns", "del", name));
        namespaces.clear();
        files.forEach(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        files.clear();
    }

    private Held start(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        Held held = new Held(process, new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
        processes.add(held);
        String line = held.nextLine();
        if (line == null || !line.startsWith("ready")) {
            throw new IllegalStateException("expected ready, got " + line);
        }
        return held;
    }
}
