package io.portwatch.probe.host;

import io.portwatch.events.listener.Listener;

import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.get;

/** What the running probe reports now, through its API, for @QuarkusTest tests. */
final class ProbeApi {

    private ProbeApi() {
    }

    /** One host of the last scan, by id. */
    static Optional<NamespaceScan> hostScan(String hostId) {
        return List.of(get("/api/v1/listeners/hosts").then().statusCode(200).extract().as(NamespaceScan[].class)).stream()
                .filter(scan -> scan.host().id().equals(hostId))
                .findFirst();
    }

    /** Every listener of the last scan. */
    static List<Listener> listeners() {
        return List.of(get("/api/v1/listeners").then().statusCode(200).extract().as(Listener[].class));
    }
}
