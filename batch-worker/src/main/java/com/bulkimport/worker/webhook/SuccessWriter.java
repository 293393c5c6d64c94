package com.bulkimport.worker.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records delivered attempts, many to a statement. The thread that made an attempt hands its success over and
 * goes on to its next delivery; this writer's one thread takes whatever has gathered meanwhile and records it in
 * one statement ({@link DeliveryStore#delivered(List)}). Under load a statement carries dozens; at a trickle each
 * success is recorded at once, alone. A success not recorded when the worker dies is sent again once its lease
 * ends, with the same {@code webhook-id}: at least once, as for an attempt cut short.
 */
final class SuccessWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SuccessWriter.class);
    private static final int MAX_BATCH = 500;

    private final DeliveryStore store;
    private final BlockingQueue<DeliveryStore.Success> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    SuccessWriter(DeliveryStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "webhook-outcomes");
        thread.setDaemon(true);
        thread.start();
    }

    void add(DeliveryStore.Success success) {
        queue.add(success);
    }

    private void run() {
        List<DeliveryStore.Success> batch = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                DeliveryStore.Success first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                store.delivered(batch);
            } catch (InterruptedException e) {
                // only close() interrupts, after it set closing: what is queued is still written
                closing = true;
            } catch (RuntimeException e) {
                log.warn("could not record {} delivered webhook attempts (their lease sends them again): {}",
                        batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    /** Records what is still queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
