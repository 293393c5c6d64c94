package com.bulkimport.worker.pause;

import com.bulkimport.model.event.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read beside its apply waits while it is more than {@code max-rows-ahead} rows ahead of it (ReadAhead): here
 * 500 rows, batches of 100, chunks of 4 KB (a few hundred rows). The test plays the relay, so no batch applies unless it
 * hands it over: what the read does while nothing applies is known. Every wait reopens the file at its checkpoint
 * ({@code reopen-after-hold=0s}), so that each test reads its file in several downloads and still imports every row
 * exactly once.
 */
@TestPropertySource(properties = {"bulkimport.ingest.max-rows-ahead=500", "bulkimport.ingest.ahead-patience=5s",
        "bulkimport.ingest.reopen-after-hold=0s"})
class ReadAheadIntegrationTest extends PauseTest {

    private static final int ROWS = 3_000;
    private static final long BOUND = 500;
    /**
     * What the read may pass the bound by: the chunk read before the look. A chunk of 4 KB is cut at the first
     * record boundary past 4 KB of what the read buffer holds (RecordChunker: up to 13,312 bytes, and the shortest
     * row here has 27: 493 rows at most).
     */
    private static final long CHUNK_ROWS = 500;

    @Autowired
    MeterRegistry registry;

    private static byte[] products() {
        StringBuilder csv = new StringBuilder("sku,barcode,name,brand,category\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("S").append(i).append(",,Product ").append(i).append(",Brand ").append(i % 7)
                    .append(",Food\n");
        }
        return utf8(csv.toString());
    }

    private Timer held(String outcome) {
        return registry.get("bulkimport.ingest.read.held").tag("kind", "products").tag("outcome", outcome).timer();
    }

    private double reopened() {
        return registry.get("bulkimport.ingest.read.reopened").tag("kind", "products").counter().count();
    }

    private long rowsAhead(UUID jobId) {
        Map<String, Object> job = job(jobId);
        return (Long) job.get("ingest_row") - (Long) job.get("processed_rows");
    }

    private void assertAllImported(UUID jobId) {
        assertThat(counts(jobId)).isEqualTo(new JobCounts(ROWS, 0L, 0L, 0L, 0L, (long) ROWS, "COMPLETED"));
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE tenant = :t").param("t", tenant)
                .query(Long.class).single()).isEqualTo(ROWS);
        assertThat(stagedRows(jobId, "products")).isZero();
    }

    @Test
    void aReadWaitsForItsApplyWhileItIsTooFarAheadAndGoesOnAsBatchesApply() throws Exception {
        long caughtUpBefore = held("caught_up").count();
        long stalledBefore = held("apply_stalled").count();
        double reopenedBefore = reopened();
        UUID jobId = pendingJob("products", products(), "{\"batch_size\": 100}", "COMMIT");
        CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> dispatcher.dispatch(startedEvent(jobId)));
        PauseGate.await(() -> (Long) job(jobId).get("ingest_row") > BOUND, "the read past the bound");

        // the relay's part, a batch at a time, each as soon as it is out: the read may never run further ahead
        // than one chunk past the bound
        List<Long> aheadSeen = new ArrayList<>();
        Set<UUID> handed = new HashSet<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!ingest.isDone()) {
            assertThat(Instant.now()).as("the read done within 120 s").isBefore(deadline);
            aheadSeen.add(rowsAhead(jobId));
            outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                    .filter(ready -> handed.add(ready.eventId())).findFirst().ifPresent(dispatcher::dispatch);
            Thread.sleep(20);
        }
        ingest.get(60, TimeUnit.SECONDS);
        applyAll(jobId);

        assertAllImported(jobId);
        long waits = held("caught_up").count() - caughtUpBefore + held("apply_stalled").count() - stalledBefore;
        assertThat(reopened() - reopenedBefore).as("reads reopened at their checkpoint: one per wait")
                .isEqualTo((double) waits);
        // a machine so busy that no batch applied for 5 s would let the read go on: what is checked then is only
        // that it imported every row
        if (held("apply_stalled").count() == stalledBefore) {
            assertThat(held("caught_up").count() - caughtUpBefore).as("waits that ended with the apply caught up")
                    .isPositive();
            assertThat(aheadSeen).hasSizeGreaterThan(10).allSatisfy(ahead ->
                    assertThat(ahead).isLessThanOrEqualTo(BOUND + CHUNK_ROWS));
        }
    }

    @Test
    void aReadWhoseApplyAppliesNothingWaitsOnlyItsPatienceThenReadsToTheEnd() {
        long stalledBefore = held("apply_stalled").count();
        double stalledSecondsBefore = held("apply_stalled").totalTime(TimeUnit.SECONDS);
        double reopenedBefore = reopened();
        UUID jobId = pendingJob("products", products(), "{\"batch_size\": 100}", "COMMIT");

        // no batch handed over while the file is read: it waits once, until 5 s after its first look found no
        // batch applied, then reopens the file at its checkpoint and reads on without waiting again
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("still_reading", false).containsEntry("ingest_row", (long) ROWS)
                .containsEntry("batches_done", 0);
        assertThat(held("apply_stalled").count() - stalledBefore).isEqualTo(1);
        assertThat(held("apply_stalled").totalTime(TimeUnit.SECONDS) - stalledSecondsBefore).isPositive();
        assertThat(reopened() - reopenedBefore).as("reads reopened at their checkpoint").isEqualTo(1.0);
        applyAll(jobId);
        assertAllImported(jobId);
    }
}
