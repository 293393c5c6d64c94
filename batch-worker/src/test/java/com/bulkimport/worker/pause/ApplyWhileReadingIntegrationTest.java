package com.bulkimport.worker.pause;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apply while ingesting (docs/architecture.md, "Apply while ingesting"): a job's batches go out as their rows are
 * staged and are applied while the rest of the file is still read. The ingest is held at row 2,001 of 3,000 (its
 * chunk inside its transaction, PauseGate) while the batches released so far are applied, so the overlap is
 * tested in a known order, without sleeping. Batches of 100 rows, chunks of 4 KB (about 60 rows each).
 */
class ApplyWhileReadingIntegrationTest extends PauseTest {

    private static final int ROWS = 3_000;
    private static final String OPTIONS = "{\"batch_size\": 100}";
    private static final long HELD_AT = 2_001;

    /**
     * 3,000 products, each with its own sku, but: every row 300k repeats the sku of the row 150 before it, and
     * every row 300k + 200 has neither sku nor barcode and the name and brand of the row 190 before it. Both
     * point across batches, many of them back to rows applied (and gone from staging) before the ingest reached
     * them.
     */
    private static String products() {
        StringBuilder csv = new StringBuilder("sku,barcode,name,brand,category\n");
        for (int i = 1; i <= ROWS; i++) {
            if (i % 300 == 0) {
                csv.append("S").append(i - 150).append(",,Again ").append(i).append(",Brand ").append(i)
                        .append(",Dup\n");
            } else if (i % 300 == 200) {
                csv.append(",,Product ").append(i - 190).append(",Brand ").append(i - 190).append(",Dup\n");
            } else {
                csv.append("S").append(i).append(",,Product ").append(i).append(",Brand ").append(i)
                        .append(",Food\n");
            }
        }
        return csv.toString();
    }

    /** Row number → the row it repeats, worked out from the rules above, not from the importer. */
    private static Map<Long, Long> expectedDuplicates() {
        Map<Long, Long> duplicates = new LinkedHashMap<>();
        for (long i = 1; i <= ROWS; i++) {
            if (i % 300 == 0) {
                duplicates.put(i, i - 150);
            } else if (i % 300 == 200) {
                duplicates.put(i, i - 190);
            }
        }
        return duplicates;
    }

    private Map<Long, Long> duplicatesFound(UUID jobId) {
        Map<Long, Long> found = new LinkedHashMap<>();
        jdbc.sql("SELECT row_number, message FROM import_row_errors WHERE job_id = :id AND code = 'DUPLICATE_IN_FILE'"
                        + " ORDER BY row_number").param("id", jobId)
                .query((rs, n) -> found.put(rs.getLong(1),
                        Long.parseLong(rs.getString(2).replaceAll("^same record as row (\\d+);.*$", "$1"))))
                .list();
        return found;
    }

    private long products(String where) {
        return jdbc.sql("SELECT count(*) FROM products WHERE tenant = :t AND " + where).param("t", tenant)
                .query(Long.class).single();
    }

    private long doneBatches(UUID jobId) {
        return jdbc.sql("SELECT count(*) FROM import_batches WHERE job_id = :id AND status = 'DONE'")
                .param("id", jobId).query(Long.class).single();
    }

    private long keysKept(UUID jobId) {
        return jdbc.sql("SELECT count(*) FROM staging_keys WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single();
    }

    private PauseGate gateAtHeldRow(UUID jobId) throws Exception {
        return new PauseGate(dataSource, jdbc, "staging_products",
                "NEW.job_id = '" + jobId + "' AND NEW.row_number = " + HELD_AT);
    }

    /** Every row's fate, once the whole file went in: exactly as if the file had been read before any apply. */
    private void assertImportedExactly(UUID jobId) {
        Map<Long, Long> expected = expectedDuplicates();
        assertThat(counts(jobId)).isEqualTo(new JobCounts(ROWS - expected.size(), 0L, 0L, (long) expected.size(), 0L,
                (long) ROWS, "COMPLETED"));
        assertThat(duplicatesFound(jobId)).isEqualTo(expected);
        assertThat(products("true")).isEqualTo(ROWS - expected.size());
        // the first occurrence won: S150 is row 150's product, not "Again 300"'s
        assertThat(products("sku = 'S150' AND name = 'Product 150'")).isEqualTo(1);
        assertThat(products("name LIKE 'Again%'")).isZero();
        assertThat(products("name = 'Product 2810' AND sku = 'S2810'")).isEqualTo(1);
        assertThat(stagedRows(jobId, "products")).isZero();
        assertThat(keysKept(jobId)).as("the keys go once the read is over").isZero();
        assertThat(job(jobId)).containsEntry("still_reading", false).containsEntry("batch_count", ROWS / 100)
                .containsEntry("batches_done", ROWS / 100).containsEntry("processed_rows", (long) ROWS);
    }

    @Test
    void batchesApplyWhileTheFileIsStillReadAndInFileDuplicatesStayExactAcrossThem() throws Exception {
        UUID jobId = pendingJob("products", utf8(products()), OPTIONS, "COMMIT");
        try (PauseGate gate = gateAtHeldRow(jobId)) {
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> dispatcher.dispatch(startedEvent(jobId)));
            gate.awaitWorkerHeld();

            Map<String, Object> reading = job(jobId);
            long released = (Long) reading.get("released_rows");
            assertThat(reading).containsEntry("status", "APPLYING").containsEntry("still_reading", true);
            assertThat(released).as("whole batches, up to the chunk before the held one").isBetween(1_800L, 2_000L)
                    .matches(rows -> rows % 100 == 0);
            // applied beside the read: the held chunk has the job's turn, not its row
            applyAll(jobId);
            assertThat(doneBatches(jobId)).isEqualTo(released / 100);
            assertThat(job(jobId)).as("the last batch applied so far does not end a job still being read")
                    .containsEntry("status", "APPLYING").containsEntry("batches_done", (int) (released / 100));
            assertThat(stagedRows(jobId, "products")).as("applied rows leave staging as the read goes on")
                    .isLessThan(HELD_AT - released + 100);
            gate.open();
            ingest.get(60, TimeUnit.SECONDS);
        }
        assertThat(job(jobId)).containsEntry("status", "APPLYING").containsEntry("still_reading", false)
                .containsEntry("total_rows", (long) ROWS);
        applyAll(jobId);
        assertImportedExactly(jobId);
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_COMPLETED)).hasSize(1);
    }

    @Test
    void aWorkerThatDiesWhileBatchesApplyLeavesACheckpointTheNextReadsOnFrom() {
        UUID jobId = pendingJob("products", utf8(products()), OPTIONS, "COMMIT");
        EventEnvelope started = startedEvent(jobId);
        deliverToAWorkerThatDiesAt(started, "products", HELD_AT);
        assertThat(job(jobId)).containsEntry("status", "APPLYING").containsEntry("still_reading", true);
        applyAll(jobId);

        dispatcher.dispatch(started);
        applyAll(jobId);
        assertImportedExactly(jobId);
    }

    @Test
    void aJobPausedWhileBatchesApplyAndItsFileIsReadResumesBoth() throws Exception {
        UUID jobId = pendingJob("products", utf8(products()), OPTIONS, "COMMIT");
        CompletableFuture<JobStatus> paused;
        try (PauseGate gate = gateAtHeldRow(jobId)) {
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> dispatcher.dispatch(startedEvent(jobId)));
            gate.awaitWorkerHeld();
            applyAll(jobId);
            paused = CompletableFuture.supplyAsync(() -> pause(jobId));
            gate.awaitWaiting("SELECT pg_advisory_xact_lock(hashtextextended(");
            gate.open();
            ingest.get(60, TimeUnit.SECONDS);
        }
        assertThat(paused.get(60, TimeUnit.SECONDS)).isEqualTo(JobStatus.PAUSED);
        Map<String, Object> held = job(jobId);
        assertThat(held).containsEntry("status", "PAUSED").containsEntry("still_reading", true)
                .containsEntry("ingest_worker", null);
        assertThat((Long) held.get("ingest_row")).as("the chunk in flight committed, no chunk after it")
                .isGreaterThanOrEqualTo(HELD_AT).isLessThan((long) ROWS);

        assertThat(resume(jobId)).isEqualTo(JobStatus.APPLYING);
        List<EventEnvelope> resent = outboxEvents(jobId, EventType.IMPORT_JOB_STARTED);
        assertThat(resent).as("the read goes on too").hasSize(1);
        assertThat(resent.get(0).payload()).containsEntry("resent", true);
        dispatcher.dispatch(resent.get(0));
        applyAll(jobId);
        assertImportedExactly(jobId);
    }

    @Test
    void aJobCancelledWhileBatchesApplyKeepsWhatWasAppliedAndDropsTheRestOfItsRead() throws Exception {
        UUID jobId = pendingJob("products", utf8(products()), OPTIONS, "COMMIT");
        CompletableFuture<JobStatus> cancelled;
        long applied;
        try (PauseGate gate = gateAtHeldRow(jobId)) {
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> dispatcher.dispatch(startedEvent(jobId)));
            gate.awaitWorkerHeld();
            // the first three batches (rows 1..300: row 200 and row 300 are duplicates) are applied
            outboxEvents(jobId, EventType.IMPORT_BATCH_READY).stream()
                    .filter(ready -> ((Number) ready.payload().get("seq")).intValue() < 3)
                    .forEach(dispatcher::dispatch);
            applied = 298;
            cancelled = CompletableFuture.supplyAsync(() -> cancel(jobId));
            gate.awaitWaiting("SELECT pg_advisory_xact_lock(hashtextextended(");
            gate.open();
            ingest.get(60, TimeUnit.SECONDS);
        }
        assertThat(cancelled.get(60, TimeUnit.SECONDS)).isEqualTo(JobStatus.CANCELLING);
        Map<String, Object> stopped = job(jobId);
        assertThat(stopped).containsEntry("status", "CANCELLING").containsEntry("still_reading", false);
        assertThat(jdbc.sql("SELECT count(*) FROM staging_products WHERE job_id = :id AND row_number > :released")
                .param("id", jobId).param("released", stopped.get("released_rows")).query(Long.class).single())
                .as("what was staged past the released batches is dropped").isZero();
        assertThat(keysKept(jobId)).isZero();

        applyAll(jobId);
        assertThat(job(jobId)).containsEntry("status", "CANCELLED").containsEntry("created_count", applied);
        assertThat(products("true")).isEqualTo(applied);
        assertThat(duplicatesFound(jobId)).containsEntry(200L, 10L).containsEntry(300L, 150L);
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_CANCELLED)).hasSize(1);
    }

    @Test
    void aFileFoundMalformedAfterBatchesWentOutFailsKeepingItsCheckpointAndWhatWasApplied() {
        // an unterminated quote at row 2,501: the rows before it are read, their batches released and applied
        String file = products().replace("S2501,,Product 2501", "S2501,,\"Product 2501");
        UUID jobId = pendingJob("products", utf8(file), OPTIONS, "COMMIT");
        dispatcher.dispatch(startedEvent(jobId));

        Map<String, Object> failed = job(jobId);
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("failure_code", "MALFORMED_CSV")
                .containsEntry("still_reading", true).containsEntry("ingest_worker", null);
        long checkpoint = (Long) failed.get("ingest_row");
        assertThat(checkpoint).as("the chunks before the bad record stay").isBetween(2_000L, 2_500L);
        assertThat(stagedRows(jobId, "products")).isEqualTo(checkpoint);
        assertThat((Integer) failed.get("batch_count")).isEqualTo((int) (checkpoint / 100));
    }
}
