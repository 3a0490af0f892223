package io.portwatch.alert.database;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Values for IN lists, split so that no statement binds too many: pgjdbc sends at most 65,535 parameters per
 * statement, and Hibernate pads a list to the next power of two (Quarkus' default, so that the SQL of a query
 * is translated once per size, not once per list). A batch after a restart, a knowledge change on a common
 * port or an outbox left by a long broker outage can name more hosts, findings or rows than that.
 */
public final class InLists {

    /** The most values one IN list binds. */
    public static final int LIMIT = 8_192;

    private InLists() {
    }

    /** The distinct values, sorted (so that rows locked list by list are locked in one order), in lists of at most {@link #LIMIT}. */
    public static <T extends Comparable<T>> List<List<T>> of(Collection<T> values) {
        List<T> sorted = values.stream().distinct().sorted().toList();
        List<List<T>> lists = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += LIMIT) {
            lists.add(sorted.subList(from, Math.min(sorted.size(), from + LIMIT)));
        }
        return lists;
    }
}
