package com.bulkimport.support.retry;

import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * Something a service depends on (the relay's transport or database, a LISTEN connection) being down.
 * An outage is logged twice: once when it starts, once when it ends with how long it lasted and how
 * many tries failed; the tries in between only pace themselves, with a doubling, jittered pause, so a
 * long outage neither spins a core nor floods the log.
 */
public final class Outage {

    private final String what;
    private final Logger log;
    private final Backoff backoff;
    private Instant since;
    private int failures;
    private long outages;

    public Outage(String what, Logger log, Duration initialDelay, Duration maxDelay) {
        this.what = what;
        this.log = log;
        this.backoff = new Backoff(initialDelay, maxDelay);
    }

    /** Records a failed try. @return how long to wait before the next one */
    public synchronized Duration failed(String reason) {
        if (since == null) {
            since = Instant.now();
            failures = 0;
            outages++;
            log.warn("{} unavailable: {}; retrying with backoff, logged again when it is back", what, reason);
        }
        failures++;
        return backoff.after(failures);
    }

    /**
     * Records a failed try and waits its backoff, outside this outage's lock (the loops that share it go on
     * failing and counting meanwhile). @return false if the wait was interrupted: the caller is to stop
     */
    public boolean failedThenWait(String reason) {
        Duration delay = failed(reason);
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Records a successful try; ends the outage if there was one. */
    public synchronized void recovered() {
        if (since == null) {
            return;
        }
        log.info("{} available again after {} ms and {} failed tries", what,
                Duration.between(since, Instant.now()).toMillis(), failures);
        since = null;
    }

    public synchronized boolean ongoing() {
        return since != null;
    }

    /** Failed tries in the current (or last) outage. */
    public synchronized int failures() {
        return failures;
    }

    /** Outages seen since start. */
    public synchronized long count() {
        return outages;
    }
}
