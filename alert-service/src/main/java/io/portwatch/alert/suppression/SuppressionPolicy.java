package io.portwatch.alert.suppression;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An analyst's standing decision that findings matching it are SUPPRESSED: e.g. port 3031 on hosts
 * matching {@code mac-build-*} with process rapportd. Every condition given must hold; null means any.
 *
 * @param id          policy id
 * @param rule        rule id
 * @param transport   transport
 * @param port        port
 * @param hostPattern glob ({@code *} and {@code ?}) on the host's id or name
 * @param process     owning process name, ignoring case
 * @param reason      why
 * @param createdBy   who
 * @param createdAt   when
 */
public record SuppressionPolicy(long id, String rule, Transport transport, Integer port, String hostPattern, String process,
        String reason, String createdBy, Instant createdAt) {

    /** Whether a finding of this rule about this listener of this host is suppressed by the policy. */
    public boolean matches(String findingRule, HostInfo host, Listener listener) {
        return (rule == null || rule.equals(findingRule))
                && (transport == null || transport == listener.transport())
                && (port == null || port == listener.port())
                && (hostPattern == null || glob(hostPattern).matcher(host.id()).matches()
                        || host.name() != null && glob(hostPattern).matcher(host.name()).matches())
                && (process == null || listener.process() != null && listener.process().name() != null
                        && process.toLowerCase(Locale.ROOT).equals(listener.process().name().toLowerCase(Locale.ROOT)));
    }

    /** A glob as a regular expression: {@code *} any run, {@code ?} one character, the rest literal. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
