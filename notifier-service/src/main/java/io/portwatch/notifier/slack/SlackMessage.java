package io.portwatch.notifier.slack;

import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Listener;
import io.portwatch.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A finding change as a Slack incoming-webhook message ({@code {"text": …}}, mrkdwn), one paragraph per change (a
 * batch is one message): severity and state, title, host, port, one line of evidence and a link to the finding.
 * Every text that a watched host or a producer could choose has its control characters escaped ({@code \x1B}: no
 * raw control character reaches Slack, and a reader sees one was there), is escaped for Slack ({@code & < >}, which
 * would otherwise make links and mentions such as {@code <!channel>}) and is cut to a line.
 */
@ApplicationScoped
public class SlackMessage {

    private static final int LINE = 300;

    private final String findingsUrl;

    public SlackMessage(NotifierConfig config) {
        this.findingsUrl = config.findingsUrl();
    }

    /** The message body of a batch of changes: one paragraph each. */
    public Map<String, Object> of(List<FindingEvent> events) {
        return Map.of("text", events.stream().map(this::paragraph).collect(Collectors.joining("\n\n")));
    }

    private String paragraph(FindingEvent event) {
        StringBuilder text = new StringBuilder()
                .append('*').append('[').append(event.severity()).append("] ").append(safe(event.title() == null ? event.rule() : event.title()))
                .append("* (").append(event.state()).append(")\n")
                .append("Host: ").append(event.host() == null ? "-" : safe(event.host().name() == null ? event.host().id() : event.host().name()));
        Listener listener = event.listener();
        if (listener != null) {
            text.append(" · Port: ").append(safe(listener.endpoint()));
        }
        text.append(" · Rule: ").append(safe(event.rule()));
        String evidence = evidence(listener);
        if (evidence != null) {
            text.append("\nEvidence: ").append(safe(evidence));
        }
        // The id goes into the link's URL encoded: a producer's '|' or '>' can't end the link early.
        text.append("\n<").append(findingsUrl).append("/api/v1/findings/").append(URLEncoder.encode(event.findingId(), StandardCharsets.UTF_8))
                .append("|Finding ").append(safe(event.findingId())).append('>');
        return text.toString();
    }

    /** One line of what was observed: the probe's evidence, else the owning process. */
    private static String evidence(Listener listener) {
        if (listener == null) {
            return null;
        }
        Evidence observed = listener.evidence();
        if (observed != null) {
            StringBuilder line = new StringBuilder(observed.kind() == null ? "probe" : observed.kind());
            if (observed.amplificationRatio() != null) {
                line.append(String.format(Locale.ROOT, ": %d bytes answered to %d (x%.1f)", observed.responseBytes(), observed.requestBytes(),
                        observed.amplificationRatio()));
            }
            if (observed.banner() != null) {
                line.append(": ").append(observed.banner());
            }
            return line.toString();
        }
        if (listener.process() != null) {
            return "process " + listener.process().exe() + " (pid " + listener.process().pid() + ", user " + listener.process().user() + ")";
        }
        return null;
    }

    /** Escaped for the terminal-like places a message lands, then for Slack's mrkdwn, and cut to a line. */
    static String safe(String text) {
        return ControlCharacters.escapeAndCut(text, LINE).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
