package io.portwatch.probe.network;

/** A scan stopped before it finished: cancelled, or past its deadline. */
final class ScanStoppedException extends RuntimeException {

    ScanStoppedException() {
        super("the scan was stopped before it finished", null, false, false);
    }
}
