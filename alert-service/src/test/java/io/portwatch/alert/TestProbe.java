package io.portwatch.alert;

import io.portwatch.events.Topics;
import io.portwatch.events.fleet.ProbeHeartbeat;
import io.portwatch.events.fleet.RecordSignature;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.testing.TopicWriter;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** A probe enrolled through the API that signs what it writes, as probe-service does. */
public final class TestProbe {

    private final String id;
    private final String node;
    private final ProbeMode mode;
    private final String zone;
    private final RecordSignature signature;

    private TestProbe(String id, String node, ProbeMode mode, String zone, byte[] key) {
        this.id = id;
        this.node = node;
        this.mode = mode;
        this.zone = zone;
        this.signature = new RecordSignature(key);
    }

    /** A node name no other test uses. */
    public static String uniqueNode(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Enrols a host-mode probe of this node in zone {@code lab}. */
    public static TestProbe host(String node) {
        return enrol(node, ProbeMode.HOST, "lab", List.of());
    }

    /** Enrols a probe; fails unless the API answers 201. */
    public static TestProbe enrol(String node, ProbeMode mode, String zone, List<String> scopes) {
        JsonPath enrolment = given().contentType(ContentType.JSON)
                .body(Map.of("enrolSecret", FleetSecretsResource.ENROL_SECRET, "node", node, "mode", mode.name(), "zone", zone,
                        "scopes", scopes))
                .post("/api/v1/probes/enrolments").then().statusCode(201).extract().jsonPath();
        return new TestProbe(enrolment.getString("probeId"), node, mode, zone,
                Base64.getDecoder().decode(enrolment.getString("key")));
    }

    public String id() {
        return id;
    }

    public String node() {
        return node;
    }

    public ProbeInfo info() {
        return new ProbeInfo(id, zone, mode);
    }

    /** An event of this probe, now, about the host with this id. */
    public ListenerEvent event(ListenerEventType type, String hostId, Listener... listeners) {
        return eventAt(Instant.now(), type, hostId, listeners);
    }

    public ListenerEvent eventAt(Instant observedAt, ListenerEventType type, String hostId, Listener... listeners) {
        return new ListenerEvent(UUID.randomUUID().toString(), type, observedAt, info(), new HostInfo(hostId, hostId, List.of()),
                List.of(listeners));
    }

    /** Signs and writes the event, keyed by its host id. */
    public void publish(TopicWriter writer, ListenerEvent event) {
        publish(writer, event.host().id(), event);
    }

    /** Signs and writes the event under this key. */
    public void publish(TopicWriter writer, String key, ListenerEvent event) {
        byte[] value = EventJson.toBytes(event);
        writer.send(Topics.LISTENERS, key, value, headers(Topics.LISTENERS, key, value));
    }

    /** Signs and writes a heartbeat with this interval. */
    public void heartbeat(TopicWriter writer, Duration interval) {
        byte[] value = EventJson.toBytes(new ProbeHeartbeat(id, "test", node, zone, mode, List.of(), Instant.now(), interval, null,
                null, 0));
        writer.send(Topics.PROBE_HEARTBEATS, id, value, headers(Topics.PROBE_HEARTBEATS, id, value));
    }

    /** The signature headers of this probe for a record. */
    public List<Header> headers(String topic, String key, byte[] value) {
        return List.of(new RecordHeader(RecordSignature.PROBE_HEADER, id.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(RecordSignature.SIGNATURE_HEADER,
                        signature.sign(topic, key, value).getBytes(StandardCharsets.UTF_8)));
    }
}
