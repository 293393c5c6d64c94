package com.bulkimport.worker.apply;

import com.bulkimport.worker.WorkerIntegrationTest;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Batches of one job applied by two workers at once: exact counts, one completion, no deadlock. */
class ConcurrentApplyIntegrationTest extends WorkerIntegrationTest {

    private static String products(int from, int to) {
        StringBuilder csv = new StringBuilder("sku,barcode,name,brand,category\n");
        for (int i = from; i <= to; i++) {
            csv.append("S").append(i).append(",,Product ").append(i).append(",Brand ").append(i % 7)
                    .append(",Cat\n");
        }
        return csv.toString();
    }

    /**
     * Every batch event of the job, split over two threads; again with those the applied batches announced (a
     * tenant's window announces its batches a few at a time), until no new one comes.
     */
    private void applyOnTwoThreads(UUID jobId) throws Exception {
        java.util.Set<UUID> handed = new java.util.HashSet<>();
        while (true) {
            List<EventEnvelope> events = outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                    .filter(event -> handed.add(event.eventId())).toList();
            if (events.isEmpty()) {
                return;
            }
            applyOnTwoThreads(events);
        }
    }

    private void applyOnTwoThreads(List<EventEnvelope> events) throws Exception {
        List<EventEnvelope> odd = new ArrayList<>();
        List<EventEnvelope> even = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            (i % 2 == 0 ? even : odd).add(events.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
                await(go);
                even.forEach(dispatcher::dispatch);
            }, pool);
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
                await(go);
                odd.forEach(dispatcher::dispatch);
            }, pool);
            go.countDown();
            CompletableFuture.allOf(a, b).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void twoWorkersOnOneJobCountExactlyAndFinishOnce() throws Exception {
        UUID first = pendingJob("products", utf8(products(1, 3_000)), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(first));
        applyOnTwoThreads(first);

        assertThat(counts(first)).isEqualTo(new JobCounts(3_000L, 0L, 0L, 0L, 0L, 3_000L, "COMPLETED"));
        assertThat(outboxEvents(first, EventType.IMPORT_JOB_COMPLETED)).hasSize(1);

        // half of them again, half new, changed names for a third: updates and inserts interleave
        StringBuilder second = new StringBuilder("sku,barcode,name,brand,category\n");
        for (int i = 1_501; i <= 4_500; i++) {
            String name = i % 3 == 0 && i <= 3_000 ? "Renamed " + i : "Product " + i;
            second.append("S").append(i).append(",,").append(name).append(",Brand ").append(i % 7).append(",Cat\n");
        }
        UUID again = pendingJob("products", utf8(second.toString()), "{\"batch_size\": 100}", "COMMIT");
        dispatcher.dispatch(startedEvent(again));
        applyOnTwoThreads(again);

        // of S1501..S3000 (1,500 known), every third is renamed: 500 updated, 1,000 unchanged; 1,500 new
        assertThat(counts(again)).isEqualTo(new JobCounts(1_500L, 500L, 1_000L, 0L, 0L, 3_000L, "COMPLETED"));
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(4_500);
    }
}
