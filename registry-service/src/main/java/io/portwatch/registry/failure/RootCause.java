package io.portwatch.registry.failure;

/** The innermost cause of a failure as one line, for the one-line messages logged while a dependency is down. */
public final class RootCause {

    private RootCause() {
    }

    /** "ConnectException: Connection refused" for a failure wrapped any number of times. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
