package com.bulkimport.worker.pause;

import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventEnvelope;
import com.bulkimport.model.event.EventType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job paused while its file is read stops at a checkpoint and, resumed, reads on from there: every row
 * staged once, none lost. Chunks of 4 KB, so the 5,000 rows take about forty of them.
 */
class PauseDuringIngestIntegrationTest extends PauseTest {

    /**
     * The whole file in one batch, released only once the file is read: these tests are about the read alone
     * (ApplyWhileReadingIntegrationTest covers batches released while the file is read).
     */
    private static final String READ_FIRST = "{\"batch_size\": 10000}";


    /** 5,000 customers, every 97th e-mail broken: 4,949 to create, 51 refused. */
    static String customers(int rows) {
        StringBuilder csv = new StringBuilder("customer_ref,name,email\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("K").append(i).append(",\"Name, ").append(i).append("\",")
                    .append(i % 97 == 0 ? "broken" : "k" + i + "@example.com").append('\n');
        }
        return csv.toString();
    }

    private long errorRows(UUID jobId) {
        return jdbc.sql("SELECT count(*) FROM import_row_errors WHERE job_id = :id").param("id", jobId)
                .query(Long.class).single();
    }

    private long customersOfTenant() {
        return jdbc.sql("SELECT count(*) FROM customers WHERE tenant = :t").param("t", tenant).query(Long.class).single();
    }

    /** The IMPORT_JOB_STARTED the resume wrote, as the relay would deliver it. */
    private EventEnvelope resumedIngest(UUID jobId) {
        List<EventEnvelope> started = outboxEvents(jobId, EventType.IMPORT_JOB_STARTED);
        assertThat(started).hasSize(1);
        assertThat(started.get(0).payload()).containsEntry("resent", true);
        return started.get(0);
    }

    /** Resumes the paused job, delivers the ingest the resume sent and every batch: it must end exactly. */
    private void resumeToTheEnd(UUID jobId) {
        assertThat(resume(jobId)).isEqualTo(JobStatus.PENDING);
        dispatcher.dispatch(resumedIngest(jobId));
        applyAll(jobId);

        assertFinishedExactly(jobId);
    }

    private void assertFinishedExactly(UUID jobId) {
        assertThat(counts(jobId)).isEqualTo(new JobCounts(4_949L, 0L, 0L, 0L, 51L, 5_000L, "COMPLETED_WITH_ERRORS"));
        assertThat(customersOfTenant()).isEqualTo(4_949);
        assertThat(errorRows(jobId)).as("each refused row once").isEqualTo(51);
        assertThat(stagedRows(jobId, "customers")).as("applied rows leave staging").isZero();
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_COMPLETED))
                .isEqualTo(finalCounts(jobId, "customers", 5_000L, 5_000, 4_949, 0, 0, 0, 51));
    }

    /** Every checkpoint of the job's ingest past {@code after}, as the chunks committed them (test_checkpoints). */
    private List<Long> committedCheckpoints(UUID jobId, long after) {
        return jdbc.sql("SELECT ingest_row FROM test_checkpoints WHERE job_id = :id AND ingest_row > :after"
                + " ORDER BY ingest_row").param("id", jobId).param("after", after).query(Long.class).list();
    }

    @Test
    void aJobPausedWhileItsFileIsReadStopsAtACheckpointAndResumedReadsOnFromThere() throws Exception {
        // every committed checkpoint kept, so that the test sees how many chunks went in after the pause was asked
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_checkpoints (job_id uuid, ingest_row bigint)").update();
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION test_checkpoint() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  INSERT INTO test_checkpoints VALUES (NEW.id, NEW.ingest_row);
                  RETURN NEW;
                END $$""").update();
        jdbc.sql("CREATE OR REPLACE TRIGGER test_checkpoint AFTER UPDATE OF ingest_row ON import_jobs FOR EACH ROW"
                + " WHEN (NEW.ingest_row IS DISTINCT FROM OLD.ingest_row) EXECUTE FUNCTION test_checkpoint()").update();
        try {
            pauseMidFileAndResume();
        } finally {
            jdbc.sql("DROP TRIGGER IF EXISTS test_checkpoint ON import_jobs").update();
        }
    }

    private void pauseMidFileAndResume() throws Exception {
        UUID jobId = pendingJob("customers", utf8(customers(5_000)), READ_FIRST, "COMMIT");
        EventEnvelope started = startedEvent(jobId);
        CompletableFuture<JobStatus> paused;
        long before;
        try (PauseGate gate = new PauseGate(dataSource, jdbc, "staging_customers",
                "NEW.job_id = '" + jobId + "' AND NEW.row_number = 3000")) {
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> dispatcher.dispatch(started));
            gate.awaitWorkerHeld();
            before = (Long) job(jobId).get("ingest_row");
            // the chunk holding row 3,000 has the job's turn and row (its fence): the pause commits right after it,
            // before the next chunk's fence (JobTurn queues them fairly)
            paused = CompletableFuture.supplyAsync(() -> pause(jobId));
            gate.awaitWaiting("SELECT pg_advisory_xact_lock(hashtextextended(");
            gate.open();
            ingest.get(60, TimeUnit.SECONDS);
        }
        assertThat(paused.get(60, TimeUnit.SECONDS)).isEqualTo(JobStatus.PAUSED);

        Map<String, Object> held = job(jobId);
        long checkpoint = (Long) held.get("ingest_row");
        assertThat(held).containsEntry("status", "PAUSED").containsEntry("batch_count", 0)
                .containsEntry("ingest_worker", null);
        assertThat(before).as("the checkpoint before the chunk holding row 3,000").isBetween(1L, 2_999L);
        assertThat(checkpoint).as("the chunk in flight committed").isGreaterThanOrEqualTo(3_000L);
        assertThat(committedCheckpoints(jobId, before)).as("and no chunk after it").containsExactly(checkpoint);
        assertThat(stagedRows(jobId, "customers") + errorRows(jobId)).isEqualTo(checkpoint);
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).isEmpty();
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_PAUSED)).containsEntry("paused_from", "INGESTING");

        // the start delivered again while paused (a redelivery, a second worker) claims nothing
        dispatcher.dispatch(started);
        assertThat(job(jobId)).containsEntry("status", "PAUSED").containsEntry("ingest_row", checkpoint);
        assertThat(stagedRows(jobId, "customers") + errorRows(jobId)).isEqualTo(checkpoint);

        resumeToTheEnd(jobId);
        assertThat(outboxEvents(jobId, EventType.IMPORT_JOB_RESUMED)).extracting(EventEnvelope::status)
                .containsExactly("PENDING");
    }

    @Test
    void aJobPausedBeforeAWorkerTookItStagesNothingUntilResumed() {
        UUID jobId = pendingJob("customers", utf8(customers(5_000)), READ_FIRST, "COMMIT");

        assertThat(pause(jobId)).isEqualTo(JobStatus.PAUSED);
        dispatcher.dispatch(startedEvent(jobId));

        assertThat(job(jobId)).containsEntry("status", "PAUSED").containsEntry("ingest_row", 0L);
        assertThat(stagedRows(jobId, "customers")).isZero();
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_PAUSED)).containsEntry("paused_from", "PENDING");

        resumeToTheEnd(jobId);
    }

    /**
     * A worker dies mid-file (its lease still stands), the job is paused, the message comes back: nothing is
     * read while paused; the resume reads on from the last checkpoint.
     */
    @Test
    void aWorkerThatDiedBeforeThePauseLeavesACheckpointTheResumeReadsOnFrom() {
        UUID jobId = pendingJob("customers", utf8(customers(5_000)), READ_FIRST, "COMMIT");
        EventEnvelope started = startedEvent(jobId);
        deliverToAWorkerThatDiesAt(started, "customers", 2_500);
        long checkpoint = (Long) job(jobId).get("ingest_row");
        assertThat(checkpoint).isBetween(1L, 2_499L);

        assertThat(pause(jobId)).isEqualTo(JobStatus.PAUSED);
        dispatcher.dispatch(started);
        assertThat(job(jobId)).containsEntry("status", "PAUSED").containsEntry("ingest_row", checkpoint);

        resumeToTheEnd(jobId);
    }

    @Test
    void aJobPausedWhileItsFileIsReadIsCancelledAtOnceAndWhatItStagedDropped() {
        UUID jobId = pendingJob("customers", utf8(customers(5_000)), READ_FIRST, "COMMIT");
        EventEnvelope started = startedEvent(jobId);
        deliverToAWorkerThatDiesAt(started, "customers", 2_500);
        assertThat(stagedRows(jobId, "customers")).isPositive();
        assertThat(pause(jobId)).isEqualTo(JobStatus.PAUSED);

        assertThat(cancel(jobId)).isEqualTo(JobStatus.CANCELLED);
        dispatcher.dispatch(started);

        assertThat(job(jobId)).containsEntry("status", "CANCELLED");
        assertThat(stagedRows(jobId, "customers")).isZero();
        assertThat(customersOfTenant()).isZero();
        assertThat(outboxEvents(jobId, EventType.IMPORT_BATCH_READY)).isEmpty();
        // the rows refused before the checkpoint (every 97th) were processed as they were read, and stay reported
        long refused = (Long) job(jobId).get("ingest_row") / 97;
        assertThat(refused).isPositive();
        assertThat(onlyEvent(jobId, EventType.IMPORT_JOB_CANCELLED)).containsEntry("processed_rows", refused)
                .containsEntry("errors", refused);
    }
}
