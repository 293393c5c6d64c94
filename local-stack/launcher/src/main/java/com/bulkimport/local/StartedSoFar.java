package com.bulkimport.local;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * What up has started, stopped newest first by its shutdown hook, which the JVM runs on SIGINT, SIGTERM and
 * SIGHUP. A signal while something starts waits for that step to end and stops it too: the PostgreSQL that pg_ctl
 * starts as a daemon would otherwise outlive a launcher stopped during its first minute.
 */
final class StartedSoFar {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private boolean stopping;

    /** @throws CancellationException when the stop has begun: nothing more is started */
    synchronized <T extends AutoCloseable> T start(Callable<T> step) throws Exception {
        if (stopping) {
            throw new CancellationException("stopping");
        }
        T component = step.call();
        started.push(component);
        return component;
    }

    synchronized void stopAll() {
        stopping = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }
}
