package com.bulkimport.worker.queue;

import java.time.Duration;

/** The message cannot be handled yet (another worker holds the job, its job is not visible yet...). */
public class RetryLater extends RuntimeException {

    private final Duration delay;

    public RetryLater(String reason, Duration delay) {
        super(reason, null, false, false);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }
}
