package io.portwatch.events.knowledge;

/** How dangerous a listener of this service is when exposed; ordered from least to most. */
public enum Risk {
    NONE, LOW, MEDIUM, HIGH, CRITICAL
}
