package com.bulkimport.relay.publish;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunksUnitTest {

    @Test
    void cutsAtTenEntries() {
        List<Integer> sizes = Collections.nCopies(25, 1);

        List<List<Integer>> chunks = Chunks.split(sizes, i -> i, 10, 256 * 1024);

        assertThat(chunks).extracting(List::size).containsExactly(10, 10, 5);
    }

    @Test
    void cutsBeforeTheByteLimitAndKeepsTheOrder() {
        List<Integer> sizes = IntStream.of(100_000, 100_000, 100_000, 10, 262_144, 1).boxed().toList();

        List<List<Integer>> chunks = Chunks.split(sizes, i -> i, 10, 262_144);

        assertThat(chunks).containsExactly(List.of(100_000, 100_000), List.of(100_000, 10), List.of(262_144),
                List.of(1));
    }

    @Test
    void refusesAnItemNoCallCanCarry() {
        assertThatThrownBy(() -> Chunks.split(List.of(262_145), i -> i, 10, 262_144))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
