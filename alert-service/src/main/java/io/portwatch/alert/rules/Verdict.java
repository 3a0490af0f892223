package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;

/**
 * What a rule concluded about a listener.
 *
 * @param rule        id of the rule
 * @param severity    how urgent
 * @param title       one line for a person
 * @param description what was observed and why it matters
 */
public record Verdict(String rule, Severity severity, String title, String description) {
}
