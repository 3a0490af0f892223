package io.portwatch.alert.listeners;

/** Where a listener record was read: its partition of {@code portwatch.listeners}, its offset and its timestamp (epoch ms). */
record ListenerPosition(int partition, long offset, long timestamp) {
}
