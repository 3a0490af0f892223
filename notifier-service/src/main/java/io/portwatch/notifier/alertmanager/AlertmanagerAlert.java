package io.portwatch.notifier.alertmanager;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of Alertmanager's API v2 ({@code POST /api/v2/alerts} takes a list of them). Alertmanager tells alerts
 * apart by their labels: re-sending the same labels updates one alert.
 *
 * @param labels       identify the alert and drive Alertmanager's routing
 * @param annotations  what a person reads
 * @param startsAt     when it started firing
 * @param endsAt       when it ended; null while firing (Alertmanager then ends it after its resolve_timeout
 *                     unless it is sent again)
 * @param generatorURL a link to the finding
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertmanagerAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
        Instant endsAt, String generatorURL) {

    /** This alert, ended at {@code endsAt}. */
    public AlertmanagerAlert endedAt(Instant endsAt) {
        return new AlertmanagerAlert(labels, annotations, startsAt, endsAt, generatorURL);
    }
}
