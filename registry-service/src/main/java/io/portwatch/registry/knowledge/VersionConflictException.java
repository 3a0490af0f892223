package io.portwatch.registry.knowledge;

/** An update named a version (If-Match) that is no longer the current one; answered 412. */
public class VersionConflictException extends RuntimeException {

    private final long currentVersion;

    public VersionConflictException(String key, long expected, long current) {
        super(key + " is at version " + current + ", not " + expected + ": fetch it again and reapply your change");
        this.currentVersion = current;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
