package com.bulkimport.support.retry;

import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffUnitTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @RepeatedTest(20)
    void doublesPerAttemptWithJitterAndStopsAtTheCap() {
        assertThat(backoff.after(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(backoff.after(4)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(backoff.after(10)).isBetween(Duration.ofMillis(150_000), Duration.ofMinutes(5));
        assertThat(backoff.after(60)).isBetween(Duration.ofMillis(150_000), Duration.ofMinutes(5));
    }
}
