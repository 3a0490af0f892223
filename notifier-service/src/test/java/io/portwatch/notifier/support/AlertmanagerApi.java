package io.portwatch.notifier.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.json.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;

/** Reads alerts back from a real Alertmanager's API v2, as an operator's tools would. */
public final class AlertmanagerApi {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private AlertmanagerApi() {
    }

    /** The alerts Alertmanager holds for a finding (its active, unprocessed, silenced and inhibited ones). */
    public static List<JsonNode> alertsOf(URI alertmanager, String findingId) {
        String filter = URLEncoder.encode("finding_id=\"" + findingId + "\"", StandardCharsets.UTF_8);
        try {
            HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(alertmanager.resolve("/api/v2/alerts?filter=" + filter)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Alertmanager answered " + response.statusCode());
            }
            JsonNode alerts = EventJson.mapper().readTree(response.body());
            return StreamSupport.stream(alerts.spliterator(), false).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
