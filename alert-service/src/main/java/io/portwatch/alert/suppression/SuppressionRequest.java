package io.portwatch.alert.suppression;

import io.portwatch.events.knowledge.Transport;

/**
 * The body of {@code POST /api/v1/suppressions}: at least one condition, and a reason.
 *
 * @param rule        rule id, or null for any
 * @param transport   tcp, udp, sctp or dccp, or null for any
 * @param port        0-65535, or null for any
 * @param hostPattern glob on host id or name ({@code mac-build-*}), or null for any
 * @param process     owning process name, or null for any
 * @param reason      why (required)
 */
public record SuppressionRequest(String rule, String transport, Integer port, String hostPattern, String process, String reason) {

    private static final int MAX_TEXT = 255;

    /** @throws IllegalArgumentException naming what is wrong */
    public SuppressionRequest {
        if (reason == null || reason.isBlank() || reason.length() > 1_000) {
            throw new IllegalArgumentException("reason is required (at most 1000 characters): say why, for the findings' history");
        }
        if (rule == null && transport == null && port == null && hostPattern == null && process == null) {
            throw new IllegalArgumentException("a policy needs at least one of rule, transport, port, hostPattern, process");
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("port " + port + " is outside 0-65535");
        }
        if (transport != null) {
            Transport.parse(transport);
        }
        for (String text : new String[] {rule, hostPattern, process}) {
            if (text != null && (text.isBlank() || text.length() > MAX_TEXT)) {
                throw new IllegalArgumentException("rule, hostPattern and process are 1-" + MAX_TEXT + " characters when given");
            }
        }
    }
}
