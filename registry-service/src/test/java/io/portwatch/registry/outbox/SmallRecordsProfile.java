package io.portwatch.registry.outbox;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A producer that takes records of at most 20,000 bytes, so a curated update with long threats is one the broker
 * will never get; also a broker and database of their own, since these tests leave parked rows and foreign records.
 */
public class SmallRecordsProfile implements QuarkusTestProfile {

    /** The lowered {@code max.request.size}. */
    static final int MAX_REQUEST_SIZE = 20_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kafka.max.request.size", Integer.toString(MAX_REQUEST_SIZE));
    }
}
