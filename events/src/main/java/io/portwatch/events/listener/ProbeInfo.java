package io.portwatch.events.listener;

/**
 * The probe that observed an event.
 *
 * @param id   unique probe id
 * @param zone the network zone the probe sees from (e.g. {@code office-lan})
 * @param mode HOST or NETWORK
 */
public record ProbeInfo(String id, String zone, ProbeMode mode) {
}
