package io.portwatch.events.contract;

import io.portwatch.events.listener.Addresses;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/** Checks a record's fields one by one and keeps the first violation, naming the field. */
final class FieldCheck {

    private String violation;

    FieldCheck required(String field, Object value) {
        if (violation == null && value == null) {
            violation = field + " is missing";
        }
        return this;
    }

    /** A text that may be null: at most {@code max} characters, no control characters. */
    FieldCheck text(String field, String value, int max) {
        if (violation == null && value != null) {
            if (value.length() > max) {
                violation = field + " is " + value.length() + " characters long, more than " + max;
            } else if (ControlCharacters.present(value)) {
                violation = field + " holds a control character";
            }
        }
        return this;
    }

    /** A text that must be present and not blank. */
    FieldCheck requiredText(String field, String value, int max) {
        if (violation == null && (value == null || value.isBlank())) {
            violation = field + " is missing or blank";
        }
        return text(field, value, max);
    }

    FieldCheck texts(String field, Collection<String> values, int maxItems, int maxLength) {
        if (count(field, values, maxItems).violation == null) {
            int index = 0;
            for (String value : values) {
                item(field, index++, item -> item.requiredText("", value, maxLength));
            }
        }
        return this;
    }

    /** An IP literal that may be null, in the canonical form of {@link Addresses} (RFC 5952 for IPv6). */
    FieldCheck address(String field, String value) {
        text(field, value, ContractLimits.ADDRESS);
        if (violation == null && value != null && !Addresses.isCanonical(value)) {
            violation = Addresses.canonical(value)
                    .map(canonical -> field + " " + value + " is not in canonical form (RFC 5952): " + canonical)
                    .orElse(field + " is not an IP address");
        }
        return this;
    }

    FieldCheck count(String field, Collection<?> values, int max) {
        if (violation == null && values.size() > max) {
            violation = field + " holds " + values.size() + " items, more than " + max;
        }
        return this;
    }

    /** An instant no later than {@code futureSkew} after {@code reference} and, when {@code maxAge} is given, no earlier than that before it. */
    FieldCheck within(String field, Instant value, Instant reference, Duration futureSkew, Duration maxAge) {
        if (violation == null && value != null) {
            if (value.isAfter(reference.plus(futureSkew))) {
                violation = field + " " + value + " is more than " + futureSkew + " after the record's broker time " + reference;
            } else if (maxAge != null && value.isBefore(reference.minus(maxAge))) {
                violation = field + " " + value + " is more than " + maxAge + " before the record's broker time " + reference;
            }
        }
        return this;
    }

    /**
     * Checks a nested object's fields, named relative to it ({@code ".name"}): a violation found is named
     * {@code field} followed by that name. Names are joined only for a violation, not for every field checked.
     */
    FieldCheck nested(String field, Consumer<FieldCheck> checks) {
        String found = violationOf(checks);
        if (found != null) {
            violation = field + found;
        }
        return this;
    }

    /** As {@link #nested}, for the {@code index}-th item of a list: a violation is named {@code field[index]} followed by its name. */
    FieldCheck item(String field, int index, Consumer<FieldCheck> checks) {
        String found = violationOf(checks);
        if (found != null) {
            violation = field + "[" + index + "]" + found;
        }
        return this;
    }

    /** The violation that checks of their own find, unless this check found one already. */
    private String violationOf(Consumer<FieldCheck> checks) {
        if (violation != null) {
            return null;
        }
        FieldCheck inner = new FieldCheck();
        checks.accept(inner);
        return inner.violation;
    }

    FieldCheck fail(String message) {
        if (violation == null) {
            violation = message;
        }
        return this;
    }

    boolean ok() {
        return violation == null;
    }

    Optional<String> violation() {
        return Optional.ofNullable(violation);
    }
}
