package io.portwatch.alert.database;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class InListsTest {

    @Test
    void splitsDistinctSortedValuesIntoListsOfAtMostTheLimit() {
        List<Integer> values = IntStream.range(0, 20_000).map(i -> 19_999 - i % 20_000).boxed().toList();

        List<List<Integer>> lists = InLists.of(values);

        assertThat(lists).extracting(List::size).containsExactly(InLists.LIMIT, InLists.LIMIT, 20_000 - 2 * InLists.LIMIT);
        assertThat(lists.stream().flatMap(List::stream).toList()).isSorted().hasSize(20_000).doesNotHaveDuplicates();
    }

    @Test
    void dropsDuplicatesAndHasNoListForNoValues() {
        assertThat(InLists.of(List.of("b", "a", "b"))).containsExactly(List.of("a", "b"));
        assertThat(InLists.of(List.<String>of())).isEmpty();
    }
}
