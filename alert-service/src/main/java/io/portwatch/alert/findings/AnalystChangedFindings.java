package io.portwatch.alert.findings;

/**
 * CDI event, fired after an analyst's action, a new suppression policy or the fleet (a probe gone silent or heard
 * again) changed findings outside the listener stream: what correlation remembers of the stored findings no
 * longer holds.
 */
public record AnalystChangedFindings() {
}
