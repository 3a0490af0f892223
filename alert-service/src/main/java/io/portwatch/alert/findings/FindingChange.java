package io.portwatch.alert.findings;

import io.portwatch.events.contract.FindingChangeRecord;
import io.portwatch.events.finding.FindingEvent;

import java.time.Instant;
import java.util.Locale;

/**
 * A change of a finding: recorded in its history and published once committed.
 *
 * @param kind      what happened
 * @param event     the finding as it now is
 * @param changedAt when it happened
 * @param reason    why, for the finding's history
 */
public record FindingChange(Kind kind, FindingEvent event, Instant changedAt, String reason) {

    /**
     * What happened to a finding; names the CloudEvents type {@code portwatch.finding.<kind>}. STALE: its probe went
     * silent; RESTORED: its probe is heard again and it is back in the state it had. Subscribers know the same kinds from
     * {@link FindingChangeRecord#KINDS}.
     */
    public enum Kind {
        OPENED, UPDATED, ACKNOWLEDGED, SUPPRESSED, RESOLVED, REOPENED, STALE, RESTORED;

        public String cloudEventType() {
            return FindingChangeRecord.TYPE_PREFIX + name().toLowerCase(Locale.ROOT);
        }
    }
}
