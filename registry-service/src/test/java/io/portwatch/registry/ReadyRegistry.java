package io.portwatch.registry;

import java.time.Duration;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;

/** Waits until the registry reports ready: schema migrated, curated knowledge loaded and published. */
public final class ReadyRegistry {

    private ReadyRegistry() {
    }

    public static void await60s() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/q/health/ready").statusCode() == 200);
    }
}
