package io.portwatch.notifier.alertmanager;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps a finding change to an Alertmanager alert: OPEN, ACKNOWLEDGED and STALE fire; RESOLVED and SUPPRESSED end
 * the alert ({@code endsAt}). Labels: {@code alertname} (the rule), {@code rule}, {@code severity},
 * {@code finding_id}, {@code host}, {@code asset}, {@code transport}, {@code port}, {@code zone},
 * {@code source=portwatch}; annotations: {@code summary} (the title), {@code description}, {@code remediation},
 * {@code state}. Texts are escaped and cut: host names and titles can carry what a watched host chose.
 */
@ApplicationScoped
public class AlertMapper {

    /** The label every Portwatch alert carries, so an Alertmanager route or silence can match them all. */
    static final String SOURCE_LABEL = "source";
    static final String SOURCE = "portwatch";

    private static final Set<FindingState> FIRING = Set.of(FindingState.OPEN, FindingState.ACKNOWLEDGED, FindingState.STALE);

    private final String findingsUrl;

    public AlertMapper(NotifierConfig config) {
        this.findingsUrl = config.findingsUrl();
    }

    /** Whether a change in this state keeps its alert firing. */
    public static boolean firing(FindingEvent event) {
        return FIRING.contains(event.state());
    }

    /** The firing alert of a change. */
    public AlertmanagerAlert firingAlert(FindingEvent event) {
        return alert(event, null);
    }

    /** The alert of a change, ended at {@code endsAt} (an ended alert: resolved, suppressed, or routed away). */
    public AlertmanagerAlert endedAlert(FindingEvent event, Instant endsAt) {
        return alert(event, endsAt);
    }

    private AlertmanagerAlert alert(FindingEvent event, Instant endsAt) {
        Map<String, String> labels = new LinkedHashMap<>();
        put(labels, "alertname", event.rule());
        put(labels, "rule", event.rule());
        put(labels, "severity", event.severity().name().toLowerCase(Locale.ROOT));
        put(labels, "finding_id", event.findingId());
        put(labels, "host", event.host() == null ? null : event.host().id());
        put(labels, "asset", event.asset());
        if (event.listener() != null) {
            put(labels, "transport", event.listener().transport().wireName());
            put(labels, "port", Integer.toString(event.listener().port()));
        }
        put(labels, "zone", event.zone());
        labels.put(SOURCE_LABEL, SOURCE);
        Map<String, String> annotations = new LinkedHashMap<>();
        put(annotations, "summary", event.title());
        put(annotations, "description", event.description());
        put(annotations, "remediation", event.remediation());
        annotations.put("state", event.state().name());
        Instant startsAt = event.firstSeen() == null ? Instant.now() : event.firstSeen();
        return new AlertmanagerAlert(labels, annotations, startsAt, endsAt, findingsUrl + "/api/v1/findings/" + event.findingId());
    }

    private static void put(Map<String, String> map, String name, String value) {
        if (value != null && !value.isBlank()) {
            map.put(name, ControlCharacters.escapeAndCut(value, ContractLimits.KNOWLEDGE_TEXT));
        }
    }
}
