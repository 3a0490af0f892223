package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.PortSet;
import io.portwatch.events.listener.SnapshotScope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scopes of the SNAPSHOTs a scan sends for each address: exactly the ports and transports it scanned,
 * written as ranges ({@code 1-1024,3031}). A scan whose ports do not fit one scope ({@link SnapshotScope#MAX_SETS}
 * sets of {@link PortSet#MAX_TEXT} characters: thousands of scattered ports) is split into several, each the
 * whole truth for its own ports, so together they say exactly what the scan saw.
 */
final class ScanScopes {

    private ScanScopes() {
    }

    /** One or more scopes that together cover exactly the plan's ports of its transports, each port once. */
    static List<SnapshotScope> of(ScanPlan plan) {
        List<PortSet> sets = new ArrayList<>();
        plan.transports().stream().sorted(Comparator.comparing(Transport::wireName))
                .forEach(transport -> chunks(ranges(plan.ports())).forEach(text -> sets.add(new PortSet(transport, text))));
        List<SnapshotScope> scopes = new ArrayList<>();
        for (int from = 0; from < sets.size(); from += SnapshotScope.MAX_SETS) {
            scopes.add(new SnapshotScope(sets.subList(from, Math.min(sets.size(), from + SnapshotScope.MAX_SETS))));
        }
        return scopes;
    }

    /** Ascending ports as ranges: {@code [1, 2, 3, 7]} is {@code 1-3} and {@code 7}. */
    private static List<String> ranges(int[] ascending) {
        List<String> ranges = new ArrayList<>();
        int i = 0;
        while (i < ascending.length) {
            int low = ascending[i];
            while (i + 1 < ascending.length && ascending[i + 1] == ascending[i] + 1) {
                i++;
            }
            ranges.add(low == ascending[i] ? Integer.toString(low) : low + "-" + ascending[i]);
            i++;
        }
        return ranges;
    }

    /** Ranges joined with commas into texts of at most {@link PortSet#MAX_TEXT} characters. */
    private static List<String> chunks(List<String> ranges) {
        List<String> texts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (String range : ranges) {
            if (!text.isEmpty() && text.length() + 1 + range.length() > PortSet.MAX_TEXT) {
                texts.add(text.toString());
                text.setLength(0);
            }
            text.append(text.isEmpty() ? "" : ",").append(range);
        }
        if (!text.isEmpty()) {
            texts.add(text.toString());
        }
        return texts;
    }
}
