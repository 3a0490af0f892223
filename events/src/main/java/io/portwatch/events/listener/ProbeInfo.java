package io.portwatch.events.listener;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The probe that observed an event.
 *
 * @param id      unique probe id
 * @param zone    the network zone the probe sees from (e.g. {@code office-lan})
 * @param mode    HOST or NETWORK
 * @param backend host mode: where the listeners came from, {@value #PROC_BACKEND} (Linux's proc filesystem) or
 *                {@value #LSOF_BACKEND} (lsof's field output, macOS); null in network mode and from probes older than this
 *                field, and then left out of the JSON, so records without it read and write as before
 */
public record ProbeInfo(String id, String zone, ProbeMode mode, @JsonInclude(JsonInclude.Include.NON_NULL) String backend) {

    /** The host-mode backend that reads Linux's proc filesystem. */
    public static final String PROC_BACKEND = "proc";
    /** The host-mode backend that reads {@code lsof -F} (macOS, or Linux by configuration). */
    public static final String LSOF_BACKEND = "lsof";

    /** A probe that does not say where its listeners came from (network mode, and probes older than {@code backend}). */
    public ProbeInfo(String id, String zone, ProbeMode mode) {
        this(id, zone, mode, null);
    }

    /** The same probe, saying which host-mode backend read its listeners. */
    public ProbeInfo withBackend(String hostBackend) {
        return new ProbeInfo(id, zone, mode, hostBackend);
    }
}
