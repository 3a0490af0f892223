package io.portwatch.registry.knowledge;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;

import java.util.List;

/**
 * The limits every layer of port knowledge keeps, curated and IANA's alike: those of the knowledge topic's
 * contract ({@link ContractLimits}), so nothing the registry accepts is dead-lettered by its consumers.
 * Each check throws {@link IllegalArgumentException} naming the field and the limit.
 */
public final class KnowledgeLimits {

    private KnowledgeLimits() {
    }

    /** A name (service name, alias, process name): at most {@link ContractLimits#NAME} characters, no control character. */
    public static void name(String field, String value) {
        text(field, value, ContractLimits.NAME);
    }

    /** A text (description, remediation, threat, reference): at most {@link ContractLimits#KNOWLEDGE_TEXT} characters, no control character. */
    public static void text(String field, String value) {
        text(field, value, ContractLimits.KNOWLEDGE_TEXT);
    }

    /** A list of at most {@link ContractLimits#KNOWLEDGE_ITEMS} items. */
    public static void count(String field, int items) {
        if (items > ContractLimits.KNOWLEDGE_ITEMS) {
            throw new IllegalArgumentException(field + " holds " + items + " items, more than " + ContractLimits.KNOWLEDGE_ITEMS);
        }
    }

    /** A list of at most {@link ContractLimits#KNOWLEDGE_ITEMS} texts, none blank, each at most {@code maxLength} characters; null reads as empty. */
    public static List<String> texts(String field, List<String> values, int maxLength) {
        if (values == null) {
            return List.of();
        }
        count(field, values.size());
        values.forEach(value -> {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain empty items");
            }
            text(field, value, maxLength);
        });
        return List.copyOf(values);
    }

    /** A text that may be null: at most {@code max} characters and no control character (C0, DEL, C1). */
    public static void text(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " is " + value.length() + " characters long, more than " + max);
        }
        if (ControlCharacters.present(value)) {
            throw new IllegalArgumentException(field + " holds a control character: " + ControlCharacters.escapeAndCut(value, 80));
        }
    }
}
