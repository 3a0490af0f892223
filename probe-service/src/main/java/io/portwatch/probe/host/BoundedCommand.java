package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a tool whose output describes the host (lsof, ps) within a time and a size bound: the output is the watched
 * ground's, as hostile as anything read from /proc, and a tool that hangs or floods must not stall the scan.
 *
 * @param timeout  how long the run may take, output read included
 * @param maxBytes the most bytes of standard output read; more fails the run
 */
record BoundedCommand(Duration timeout, int maxBytes) {

    /** What a run printed, and how it ended. */
    record Result(byte[] output, int exitCode, String error) {
    }

    /** How a run whose output was streamed ended: its exit code and what it said on standard error (escaped, cut). */
    record Exit(int exitCode, String error) {
    }

    /** Takes standard output as it is read. */
    @FunctionalInterface
    interface Output {
        /** The first {@code count} bytes of {@code chunk} are the next output; the array is reused afterwards. */
        void accept(byte[] chunk, int count);
    }

    /** Runs the command and keeps its output; a non-zero exit is the caller's to judge. @throws IOException see {@link #stream} */
    Result run(List<String> command) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        Exit exit = stream(command, (chunk, count) -> kept.write(chunk, 0, count));
        return new Result(kept.toByteArray(), exit.exitCode(), exit.error());
    }

    /**
     * Runs the command, handing its output to {@code output} while it runs (on this thread), so that reading it costs no
     * time after the tool is done; a non-zero exit is the caller's to judge.
     *
     * @throws IOException when it cannot start, takes too long or prints too much (it is killed then)
     */
    Exit stream(List<String> command, Output output) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = new ProcessBuilder(command).start();
        AtomicBoolean killed = new AtomicBoolean();
        // Its children too: one that inherited standard output (lsof forks some) would keep the read below open.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            killed.set(true);
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> error = CompletableFuture.supplyAsync(() -> read(process.getErrorStream(), ContractLimits.EVIDENCE_TEXT));
            long read = 0;
            try (InputStream stdout = process.getInputStream()) {
                byte[] buffer = new byte[65_536];
                int n;
                while ((n = stdout.read(buffer)) >= 0) {
                    read += n;
                    if (read > maxBytes) {
                        throw new IOException(command.get(0) + " printed more than " + maxBytes + " bytes");
                    }
                    output.accept(buffer, n);
                }
            } catch (IOException e) {
                if (!killed.get()) {
                    throw e;
                }
            }
            if (killed.get() || !process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IOException(command.get(0) + " took longer than " + timeout);
            }
            String message = new String(error.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                    StandardCharsets.UTF_8).strip();
            return new Exit(process.exitValue(), ControlCharacters.escapeAndCut(message, ContractLimits.EVIDENCE_TEXT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.get(0) + " ran", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read what " + command.get(0) + " said on standard error", e);
        } finally {
            watchdog.cancel(false);
            process.destroyForcibly();
        }
    }

    /** Reads up to {@code limit} bytes, then drains the rest unread so the tool is never blocked on a full pipe. */
    private static byte[] read(InputStream stream, long limit) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[4_096];
        try (stream) {
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                int keep = (int) Math.min(n, limit - kept.size());
                if (keep > 0) {
                    kept.write(buffer, 0, keep);
                }
            }
        } catch (IOException e) {
            // The process was killed: what was read is all there is.
        }
        return kept.toByteArray();
    }
}
