package com.bulkimport.worker.deadletter;

import com.bulkimport.engine.batch.Batches;
import com.bulkimport.engine.job.JobLifecycle;
import com.bulkimport.model.JobStatus;
import com.bulkimport.model.event.EventPayload;
import com.bulkimport.model.event.ImportBatchReady;
import com.bulkimport.model.event.ImportImagesRetry;
import com.bulkimport.model.event.ImportJobStarted;
import com.bulkimport.worker.job.JobStore;
import com.bulkimport.worker.job.WorkerJob;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * What a dead-lettered message means for its job: the batch (or the ingest) gave up, so the job
 * fails with the last error as its reason, visible in the status, until someone retries or redrives;
 * or, for an ingest that was still moving on, the message goes back to work.
 */
@Component
class DeadLetterVerdicts {

    /** The reason recorded with the letter, and whether its message goes back to work. */
    record Verdict(String reason, boolean requeue) {

        static Verdict kept(String reason) {
            return new Verdict(reason, false);
        }
    }

    private final JdbcClient jdbc;
    private final JobStore jobs;
    private final Batches batches;
    private final JobLifecycle lifecycle;

    DeadLetterVerdicts(JdbcClient jdbc, JobStore jobs, Batches batches, JobLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.batches = batches;
        this.lifecycle = lifecycle;
    }

    Verdict judge(EventPayload event, Integer receiveCount) {
        WorkerJob job = jobs.find(event.jobId()).orElse(null);
        if (event instanceof ImportBatchReady ready) {
            return batchGaveUp(job, ready.batchId());
        }
        if (event instanceof ImportJobStarted && job != null) {
            return ingestGaveUp(job, receiveCount);
        }
        if (event instanceof ImportImagesRetry) {
            // the job finished and stays so: what the retry resolved stays resolved, the rest can be retried again
            return Verdict.kept("the retry of the job's failed images gave up; the images still failed keep their"
                    + " warnings (retry the import again once the cause is fixed)");
        }
        return Verdict.kept("no job to fail for " + event.type());
    }

    private Verdict batchGaveUp(WorkerJob job, UUID batchId) {
        Batches.GaveUp batch = batches.giveUp(batchId).orElse(null);
        if (batch == null || job == null) {
            return Verdict.kept("batch " + batchId + " was no longer pending");
        }
        String reason = "batch " + batch.seq() + " failed after " + batch.attempts() + " attempts: "
                + batch.lastError() + " (retry the import once the cause is fixed)";
        lifecycle.fail(job.ref(), "BATCH_FAILED", reason);
        return Verdict.kept(reason);
    }

    private Verdict ingestGaveUp(WorkerJob job, Integer receiveCount) {
        if (progressed(job.id())) {
            return new Verdict("the ingest's workers died, but it had moved on since its last dead letter:"
                    + " sent back to work", true);
        }
        String error = jdbc.sql("SELECT coalesce(last_error, 'no error recorded') FROM import_jobs WHERE id = :id")
                .param("id", job.id()).query(String.class).single();
        String reason = "the file could not be read into the import after " + (receiveCount == null ? "several"
                : Integer.toString(receiveCount - 1)) + " attempts: " + error
                + " (retry the import once the cause is fixed)";
        lifecycle.fail(job.ref(), "INGEST_FAILED", reason);
        return Verdict.kept(reason);
    }

    /**
     * An ingest whose checkpoint moved since its message last came here is not poison: its workers were
     * killed. It goes back to work (the caller re-sends the message) and the checkpoint is remembered. Also while
     * its first batches apply beside the read (apply while ingesting): a read that long meets more kills.
     */
    private boolean progressed(UUID jobId) {
        return jdbc.sql("""
                        UPDATE import_jobs SET dead_letter_row = ingest_row
                        WHERE id = :id AND (status = :ingesting OR status = 'APPLYING' AND still_reading)
                          AND ingest_row > coalesce(dead_letter_row, 0)""")
                .param("id", jobId).param("ingesting", JobStatus.INGESTING.name()).update() == 1;
    }
}
