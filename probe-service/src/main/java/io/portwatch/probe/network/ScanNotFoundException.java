package io.portwatch.probe.network;

/** No scan with that id (or it is too old to be kept). */
public class ScanNotFoundException extends RuntimeException {

    public ScanNotFoundException(String id) {
        super("no scan " + id);
    }
}
