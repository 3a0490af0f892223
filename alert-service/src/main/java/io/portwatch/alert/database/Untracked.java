package io.portwatch.alert.database;

import org.hibernate.engine.spi.SelfDirtinessTracker;

/**
 * Entities that Hibernate never manages: read by plain JDBC or made to be written by set-based SQL, never flushed. The
 * bytecode enhancement Quarkus applies to every entity records each field written (but the id and collections) in a
 * tracker whose array grows by a copy per field, after a search for the name (a finding read from its columns made up to
 * 23 such arrays, an outbox row 7), for Hibernate's dirty checking, which never looks at these. Such an entity must
 * never be passed to {@code persist} or {@code merge}: Hibernate never resumes the tracking, and would build its
 * updates from a tracker that records nothing.
 */
public final class Untracked {

    private Untracked() {
    }

    /**
     * {@code entity}, its field writes no longer tracked; as it was when its class is not enhanced (plain unit tests).
     *
     * @return {@code entity}
     */
    public static <T> T of(T entity) {
        if (entity instanceof SelfDirtinessTracker tracker) {
            tracker.$$_hibernate_suspendDirtyTracking(true);
        }
        return entity;
    }
}
