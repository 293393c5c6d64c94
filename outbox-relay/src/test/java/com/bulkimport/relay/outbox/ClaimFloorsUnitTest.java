package com.bulkimport.relay.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimFloorsUnitTest {

    private long now = 1_000_000_000L;
    private final ClaimFloors floors = new ClaimFloors(Duration.ofSeconds(1), () -> now);

    @Test
    void aFullClaimSetsTheFloorAtTheLowestSeqItLockedAndLaterFullClaimsOnlyRaiseIt() {
        assertThat(floors.from("lane")).isZero();

        floors.after("lane", 0, 100, 100, 500);
        assertThat(floors.from("lane")).isEqualTo(500);

        floors.after("lane", 500, 100, 100, 700);
        assertThat(floors.from("lane")).isEqualTo(700);

        floors.after("lane", 700, 100, 100, 650);
        assertThat(floors.from("lane")).isEqualTo(700);
        assertThat(floors.from("other lane")).isZero();
    }

    @Test
    void aClaimThatFoundFewerRowsThanItAskedForDropsTheFloor() {
        floors.after("lane", 0, 100, 100, 500);

        floors.after("lane", 500, 99, 100, 600);

        assertThat(floors.from("lane")).isZero();
    }

    @Test
    void aSecondAfterTheLastWalkFromTheStartTheNextClaimWalksFromTheStartAgain() {
        floors.after("lane", 0, 100, 100, 500);
        now += Duration.ofMillis(600).toNanos();
        floors.after("lane", 500, 100, 100, 800);
        assertThat(floors.from("lane")).isEqualTo(800);

        // a second after the floor was set from the start, however often it was raised since
        now += Duration.ofMillis(400).toNanos();

        assertThat(floors.from("lane")).isZero();
        floors.after("lane", 0, 100, 100, 300);
        assertThat(floors.from("lane")).isEqualTo(300);
    }
}
