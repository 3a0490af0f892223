package io.portwatch.alert.api;

import io.portwatch.alert.findings.FindingFilter;
import io.portwatch.alert.findings.FindingSort;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.http.BadInputException;
import io.portwatch.http.Params;
import jakarta.ws.rs.QueryParam;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The filters and sort of a findings search or export, as query parameters: {@code state} and {@code severity}
 * take comma-separated lists; every other filter one value. Each is checked here, a bad one answering 400.
 */
public class FindingQuery {

    static final int MAX_TEXT = 200;
    private static final int MAX_INSTANT = 64;

    @QueryParam("state")
    String state;
    @QueryParam("severity")
    String severity;
    @QueryParam("rule")
    String rule;
    @QueryParam("port")
    String port;
    @QueryParam("transport")
    String transport;
    @QueryParam("asset")
    String asset;
    @QueryParam("host")
    String host;
    @QueryParam("zone")
    String zone;
    @QueryParam("q")
    String text;
    @QueryParam("updatedSince")
    String updatedSince;
    @QueryParam("sort")
    String sort;

    /** The filter these parameters ask for. */
    FindingFilter filter() {
        return new FindingFilter(enums(state, FindingState.class, "state"), enums(severity, Severity.class, "severity"),
                text(rule, "rule"), blank(port) ? null : Params.number(port, "port", 0, 65_535), transport(),
                HostIdInput.canonical(asset, "asset"), HostIdInput.canonical(host, "host"), text(zone, "zone"), text(text, "q"), instant(updatedSince, "updatedSince"));
    }

    /** The sort asked for: {@code severity} (the default), {@code lastSeen}, {@code firstSeen} or {@code updated}. */
    FindingSort sort() {
        if (blank(sort) || sort.equals("severity")) {
            return FindingSort.SEVERITY;
        }
        return switch (sort) {
            case "lastSeen" -> FindingSort.LAST_SEEN;
            case "firstSeen" -> FindingSort.FIRST_SEEN;
            case "updated" -> FindingSort.UPDATED;
            default -> throw new BadInputException("sort is one of severity, lastSeen, firstSeen, updated");
        };
    }

    private String transport() {
        if (blank(transport)) {
            return null;
        }
        try {
            return Transport.parse(transport.trim()).wireName();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("transport is one of tcp, udp, sctp, dccp");
        }
    }

    private static String text(String value, String name) {
        if (blank(value)) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > MAX_TEXT) {
            throw new BadInputException(name + " is longer than " + MAX_TEXT + " characters");
        }
        if (ControlCharacters.present(trimmed)) {
            throw new BadInputException(name + " holds a control character");
        }
        return trimmed;
    }

    /** An RFC 3339 date-time with an offset ({@code 2026-12-01T08:00:00Z}), or null when blank. */
    private static Instant instant(String value, String name) {
        if (blank(value)) {
            return null;
        }
        try {
            if (value.length() > MAX_INSTANT) {
                throw new DateTimeParseException("too long", value, 0);
            }
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadInputException(name + " '" + ControlCharacters.escapeAndCut(value, 40)
                    + "' is not a date-time with an offset, e.g. 2026-12-01T08:00:00Z");
        }
    }

    private static <E extends Enum<E>> Set<E> enums(String list, Class<E> type, String name) {
        EnumSet<E> values = EnumSet.noneOf(type);
        if (blank(list)) {
            return values;
        }
        for (String item : list.split(",")) {
            try {
                values.add(Enum.valueOf(type, item.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(name + " '" + ControlCharacters.escapeAndCut(item, 40) + "' is not one of "
                        + Arrays.toString(type.getEnumConstants()));
            }
        }
        return values;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
