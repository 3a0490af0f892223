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

    /** Runs the command; a non-zero exit is the caller's to judge. @throws IOException when it cannot start, takes too long or prints too much */
    Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream(), maxBytes + 1L));
        CompletableFuture<byte[]> error = CompletableFuture.supplyAsync(() -> read(process.getErrorStream(), ContractLimits.EVIDENCE_TEXT));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(command.get(0) + " took longer than " + timeout);
            }
            byte[] out = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (out.length > maxBytes) {
                throw new IOException(command.get(0) + " printed more than " + maxBytes + " bytes");
            }
            String message = new String(error.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8).strip();
            return new Result(out, process.exitValue(), ControlCharacters.escapeAndCut(message, ContractLimits.EVIDENCE_TEXT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.get(0) + " ran", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read what " + command.get(0) + " printed", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Reads up to {@code limit} bytes, then drains the rest unread so the tool is never blocked on a full pipe. */
    private static byte[] read(InputStream stream, long limit) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[65_536];
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
