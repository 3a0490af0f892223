package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * What a search matches: {@code q} is a port number, or text found in the service name, an alias or
 * the description (ignoring case); the others are exact. Null means any.
 *
 * @param q         port number or text
 * @param transport transport
 * @param status    status
 * @param risk      risk
 */
public record SearchFilter(String q, Transport transport, ServiceStatus status, Risk risk) implements Predicate<PortKnowledge> {

    @Override
    public boolean test(PortKnowledge knowledge) {
        return (transport == null || knowledge.transport() == transport)
                && (status == null || knowledge.status() == status)
                && (risk == null || knowledge.risk() == risk)
                && matchesText(knowledge);
    }

    private boolean matchesText(PortKnowledge knowledge) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String text = q.trim();
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 5) {
            return knowledge.port() == Integer.parseInt(text);
        }
        String needle = text.toLowerCase(Locale.ROOT);
        return contains(knowledge.serviceName(), needle) || contains(knowledge.description(), needle)
                || knowledge.aliases().stream().anyMatch(alias -> contains(alias, needle));
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }
}
