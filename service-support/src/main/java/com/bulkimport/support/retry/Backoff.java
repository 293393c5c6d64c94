package com.bulkimport.support.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: a random delay between half and all of initial × 2^(attempt-1),
 * capped. The jitter keeps relays (and rows) that failed together from retrying together.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** @param attempt the failed attempt that just happened, from 1 */
    public Duration after(int attempt) {
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.max(1, Math.min(max.toMillis(), initial.toMillis() << shift));
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return Duration.ofMillis(jittered);
    }
}
