package com.bulkimport.relay.wakeup;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes idle relay loops. Counters, not flags: a loop remembers the generation it saw before its
 * round and sleeps only if nothing was signalled since, so a NOTIFY that arrives during a round is
 * never lost, and one signal wakes every loop of the instance. A second counter moves only for
 * signals that may mean work events: the work lane waits on it, so a stream of record events (a
 * NOTIFY per insert, a thousand a second) does not spin it through empty claims.
 */
@Component
public class WakeUp {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;
    private long workGeneration;

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** The generation of signals that may mean work events ({@link #signal()}, not {@link #signalNoWork()}). */
    public long workGeneration() {
        lock.lock();
        try {
            return workGeneration;
        } finally {
            lock.unlock();
        }
    }

    /** Rows may be waiting, of any kind. */
    public void signal() {
        signal(true);
    }

    /** Rows are waiting, and none of them is a work event. */
    public void signalNoWork() {
        signal(false);
    }

    private void signal(boolean work) {
        lock.lock();
        try {
            generation++;
            if (work) {
                workGeneration++;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a signal newer than {@code seen} or the timeout.
     *
     * @return true when woken by a signal
     */
    public boolean awaitAfter(long seen, Duration timeout) throws InterruptedException {
        return await(seen, timeout, false);
    }

    /**
     * Waits until a signal that may mean work, newer than {@code seen} (a {@link #workGeneration()}), or the timeout.
     *
     * @return true when woken by a signal
     */
    public boolean awaitWorkAfter(long seen, Duration timeout) throws InterruptedException {
        return await(seen, timeout, true);
    }

    private boolean await(long seen, Duration timeout, boolean work) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while ((work ? workGeneration : generation) == seen) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
