package io.portwatch.cli;

/** A failure to report in one line, with the exit code it stands for; the message is made safe to print ({@link Terminal#safe}). */
public class CliFailure extends RuntimeException {

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(Terminal.safe(message));
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
