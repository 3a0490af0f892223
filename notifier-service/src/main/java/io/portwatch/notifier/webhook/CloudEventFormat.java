package io.portwatch.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.notifier.delivery.Change;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * A finding change as a CloudEvent 1.0 in structured mode ({@value #STRUCTURED}; a batch is
 * {@value #BATCH}): the attributes alert-service gave the Kafka record ({@code type}, {@code source},
 * {@code time}), {@code id} the change's dedup key ({@code <findingId>@<version>}), {@code subject} the finding id,
 * {@code data} the FindingEvent. The CloudEvents SDK is not served here; the format is a handful of fields.
 */
@ApplicationScoped
public class CloudEventFormat implements BodyFormat {

    static final String STRUCTURED = "application/cloudevents+json";
    static final String BATCH = "application/cloudevents-batch+json";

    private final ObjectMapper json = EventJson.mapper();

    @Override
    public String contentType(int count) {
        return count == 1 ? STRUCTURED : BATCH;
    }

    @Override
    public byte[] body(List<Change> batch) {
        try {
            if (batch.size() == 1) {
                return json.writeValueAsBytes(event(batch.get(0)));
            }
            ArrayNode events = json.createArrayNode();
            batch.forEach(change -> events.add(event(change)));
            return json.writeValueAsBytes(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a CloudEvent", e);
        }
    }

    private ObjectNode event(Change change) {
        // Every change was read as alert-service's (ChangeReader): its record carries the CloudEvent attributes.
        CloudEvent attributes = CloudEvent.from(change.record().headers());
        ObjectNode event = json.createObjectNode();
        event.put("specversion", CloudEvent.SPEC_VERSION);
        event.put("id", change.dedupKey());
        event.put("source", attributes.source());
        event.put("type", attributes.type());
        event.put("subject", change.event().findingId());
        Instant time = attributes.time() == null ? change.writtenAt() : attributes.time();
        event.put("time", time.toString());
        event.put("datacontenttype", CloudEvent.JSON);
        event.set("data", json.valueToTree(change.event()));
        return event;
    }
}
