package io.portwatch.alert.live;

import io.portwatch.events.finding.FindingEvent;

/**
 * One finding change as the live stream sends it.
 *
 * @param change  what happened, the CloudEvents type without its prefix ({@code opened}, {@code acknowledged}, ...)
 * @param finding the finding as it now is, as published on {@code portwatch.alerts}
 */
public record LiveChange(String change, FindingEvent finding) {
}
