package io.portwatch.alert.findings;

/**
 * CDI event, fired after an analyst's action or a new suppression policy changed findings outside the
 * listener stream: what correlation remembers of the stored findings no longer holds.
 */
public record AnalystChangedFindings() {
}
