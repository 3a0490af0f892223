package io.portwatch.probe.network;

/** A cancel of a scan that has already finished (DONE or FAILED): there is nothing left to stop. */
public class ScanFinishedException extends RuntimeException {

    public ScanFinishedException(String message) {
        super(message);
    }
}
