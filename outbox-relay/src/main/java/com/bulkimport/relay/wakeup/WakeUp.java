package com.bulkimport.relay.wakeup;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes idle relay loops. A counter, not a flag: a loop remembers the generation it saw before its
 * round and sleeps only if nothing was signalled since, so a NOTIFY that arrives during a round is
 * never lost, and one signal wakes every loop of the instance.
 */
@Component
public class WakeUp {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    public void signal() {
        lock.lock();
        try {
            generation++;
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
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (generation == seen) {
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
