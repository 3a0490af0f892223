package io.portwatch.cli;

/** The exit codes scripts can rely on. */
public final class ExitCodes {

    /** Done as asked. */
    public static final int OK = 0;
    /** Nothing matched (no such port, service or finding). */
    public static final int NOT_FOUND = 1;
    /** Bad usage (picocli's own code for unknown options and bad values). */
    public static final int USAGE = 2;
    /** A service or the broker could not be reached, or refused the request. */
    public static final int UNAVAILABLE = 3;
    /** A deadline passed before what was waited for happened. */
    public static final int TIMED_OUT = 4;

    private ExitCodes() {
    }
}
