package io.portwatch.registry.iana;

import io.portwatch.registry.config.RegistryConfig;

/**
 * How much one IANA file may ask of an import, beyond the text and list limits every layer of knowledge keeps.
 *
 * @param maxRows          the most CSV records a file may hold
 * @param maxPortsPerRow   the most ports one row's range may expand to
 * @param maxExpandedPorts the most transport/ports all rows may expand to together
 */
public record IanaLimits(int maxRows, int maxPortsPerRow, int maxExpandedPorts) {

    /** The configured limits ({@code portwatch.registry.iana.*}). */
    public static IanaLimits of(RegistryConfig.Iana config) {
        return new IanaLimits(config.maxRows(), config.maxPortsPerRow(), config.maxExpandedPorts());
    }
}
