package io.portwatch.alert.findings;

/**
 * What remembers the stored findings outside the database (correlation's no-change memo). {@link FindingStore} makes
 * it forget, in the transaction of every change that did not come from correlation, so no caller can forget to.
 */
public interface FindingsMemo {

    /** Forgets everything remembered: the stored findings may no longer be what it remembers. */
    void forgetAll();
}
